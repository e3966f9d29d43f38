package dev.saferoll.migrations.database;

import java.util.OptionalLong;

/**
 * What the database knows of a table's size without reading it.
 * @param estimatedRows the planner's estimate of its rows; empty where unknown
 * @param bytes its size on disk with indexes and TOAST; empty where unknown
 */
public record TableStatistics(OptionalLong estimatedRows, OptionalLong bytes) {
}
