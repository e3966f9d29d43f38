package dev.saferoll.migrations;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps the current row of a result set; used by {@link MigrationConnection#query}. */
@FunctionalInterface
public interface RowMapper<T> {

    T map(ResultSet row) throws SQLException;
}
