package dev.saferoll.migrations.database;

/**
 * The storage of one relation (a table, index or TOAST table) at one moment.
 * @param relation its identifier in the catalog (an OID in PostgreSQL)
 * @param fileNode its storage identifier (a relfilenode in PostgreSQL), which changes when it is rewritten
 * @param bytes the size of its files
 */
public record RelationFile(long relation, long fileNode, long bytes) {
}
