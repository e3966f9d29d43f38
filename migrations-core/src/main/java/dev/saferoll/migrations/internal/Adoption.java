package dev.saferoll.migrations.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.internal.check.StatementCheck;
import dev.saferoll.migrations.sql.SqlName;
import dev.saferoll.migrations.sql.SqlStatement;
import dev.saferoll.migrations.sql.StatementReader;

/**
 * Finds how far a database that was set up without Saferoll already is, so that a first run that fails because a
 * migration's table exists can name the exact {@code db:baseline} command. The version to baseline is the newest
 * pending migration, from the failing one on, whose tables all exist: each migration's {@code up} runs against a
 * recording connection, and the tables its {@code CREATE TABLE} statements name are looked up in the catalog.
 * Migrations that create no table are carried along by a later one whose tables exist; the scan stops at the first
 * migration that creates a table the database does not have, since that one still has work to do. Baselining the
 * failing migration's predecessor would not help: the failing migration would run, and fail, again.
 */
final class Adoption {

    private static final Logger logger = LoggerFactory.getLogger(Adoption.class);

    private final List<Migration> pending;

    /**
     * @param pending the migrations of a run that started with an empty history, in order; empty when the history
     * was not empty, so that no advice is given
     */
    Adoption(List<Migration> pending) {
        this.pending = List.copyOf(pending);
    }

    /** The version to baseline, when {@code failed} is one of the pending migrations and its tables all exist. */
    Optional<MigrationVersion> baseline(RunSession session, Migration failed) {
        int from = this.pending.indexOf(failed);
        if (from < 0) {
            return Optional.empty();
        }
        MigrationVersion newest = null;
        try {
            for (Migration migration : this.pending.subList(from, this.pending.size())) {
                List<SqlName> tables = createdTables(migration, session.database().dialect());
                if (tables.isEmpty()) {
                    continue;
                }
                if (!allExist(session, tables)) {
                    break;
                }
                newest = migration.getVersion();
            }
        }
        catch (SQLException | RuntimeException ex) {
            logger.debug("Could not tell which migrations the existing schema already has", ex);
            return Optional.empty();
        }
        return Optional.ofNullable(newest);
    }

    private static List<SqlName> createdTables(Migration migration, Dialect dialect) {
        RunConnection recorded = RunConnection.recording(dialect, StatementCheck.NONE);
        try {
            migration.up(recorded);
        }
        catch (Exception ex) {
            logger.debug("Recording {} stopped early: {}", migration.getVersion(), ex.getMessage());
        }
        StatementReader reader = reader(dialect);
        List<SqlName> tables = new ArrayList<>();
        for (String sql : recorded.statements()) {
            for (SqlStatement statement : reader.read(sql)) {
                int name = statement.startsWith("create", "table") ? 2
                        : statement.startsWith("create", "unlogged", "table") ? 3 : -1;
                if (name < 0) {
                    continue;
                }
                if (statement.matchesAt(name, "if", "not", "exists")) {
                    name += 3;
                }
                SqlName table = statement.nameAt(name);
                if (table != null) {
                    tables.add(table);
                }
            }
        }
        return tables;
    }

    private static boolean allExist(RunSession session, List<SqlName> tables) throws SQLException {
        String current = session.database().currentSchema(session.connection());
        for (SqlName table : tables) {
            String schema = (table.schema() != null) ? table.schema() : current;
            if (!session.database().tableExists(session.connection(), schema, table.name())) {
                return false;
            }
        }
        return true;
    }

    private static StatementReader reader(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> StatementReader.postgresql();
            case H2 -> StatementReader.h2();
            case MYSQL, MARIADB -> StatementReader.mysql();
        };
    }
}
