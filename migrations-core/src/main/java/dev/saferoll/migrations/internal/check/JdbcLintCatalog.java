package dev.saferoll.migrations.internal.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.StatementFailedException;
import dev.saferoll.migrations.database.CatalogColumn;
import dev.saferoll.migrations.database.Database;
import dev.saferoll.migrations.sql.SqlName;

/** The lint's catalog on a live connection, inside the migration's transaction, through {@link Database}. */
final class JdbcLintCatalog implements LintCatalog {

    private final Database database;

    private final Connection connection;

    private JdbcLintCatalog(Database database, Connection connection) {
        this.database = database;
        this.connection = connection;
    }

    /** The catalog behind a migration's connection, or {@link LintCatalog#NONE} when it reaches no database. */
    static LintCatalog of(MigrationConnection connection) {
        try {
            return new JdbcLintCatalog(Database.of(connection.dialect()), connection.jdbcConnection());
        }
        catch (MigrationException ex) {
            return NONE;
        }
    }

    @Override
    public Optional<CatalogColumn> column(SqlName table, String column) {
        try {
            return this.database.column(this.connection, table.schema(), table.name(), column);
        }
        catch (SQLException ex) {
            throw new StatementFailedException("(catalog lookup of the lint: " + table + "." + column + ")", ex);
        }
    }

    @Override
    public List<String> primaryKey(SqlName table) {
        try {
            return this.database.primaryKey(this.connection, table.schema(), table.name());
        }
        catch (SQLException ex) {
            throw new StatementFailedException("(catalog lookup of the lint: primary key of " + table + ")", ex);
        }
    }

    @Override
    public int serverMajorVersion() {
        try {
            return this.connection.getMetaData().getDatabaseMajorVersion();
        }
        catch (SQLException ex) {
            return Integer.MAX_VALUE;
        }
    }
}
