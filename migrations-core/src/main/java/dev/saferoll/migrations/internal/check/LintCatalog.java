package dev.saferoll.migrations.internal.check;

import java.util.List;
import java.util.Optional;

import dev.saferoll.migrations.database.CatalogColumn;
import dev.saferoll.migrations.sql.SqlName;

/**
 * What the lint may ask the live database while a migration runs: the catalog as the statement about to run will
 * see it, earlier statements of the migration included. A preview has no database, and uses {@link #NONE}.
 */
interface LintCatalog {

    /** A catalog that knows nothing: rules that need it judge from the SQL alone. */
    LintCatalog NONE = new LintCatalog() {

        @Override
        public Optional<CatalogColumn> column(SqlName table, String column) {
            return Optional.empty();
        }

        @Override
        public List<String> primaryKey(SqlName table) {
            return List.of();
        }

        @Override
        public int serverMajorVersion() {
            return Integer.MAX_VALUE;
        }
    };

    /** A column of an existing table, or empty when the table or column does not exist or cannot be looked up. */
    Optional<CatalogColumn> column(SqlName table, String column);

    /** The primary key columns of an existing table, in key order; empty when unknown. */
    List<String> primaryKey(SqlName table);

    /** The server's major version, or {@link Integer#MAX_VALUE} when unknown (rules then assume a current server). */
    int serverMajorVersion();
}
