package dev.saferoll.migrations.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;
import dev.saferoll.migrations.database.Database;
import dev.saferoll.migrations.database.Database.RelationGrowth;

/**
 * Measures the database size of one run session: exactly once at the start and after a migration that changes data,
 * and, after a migration that only creates or alters tables and indexes, as the last size plus the relations it
 * created, so that a long run does not walk every file of the database after each migration. If the database refuses
 * to tell once, sizes are left out for the rest of the run.
 */
final class SizeProbe {

    private static final Logger logger = LoggerFactory.getLogger(SizeProbe.class);

    private final Connection connection;

    private final Database database;

    private boolean available = true;

    private @Nullable Long mark;

    SizeProbe(Connection connection, Database database) {
        this.connection = connection;
        this.database = database;
    }

    /** The size measured exactly, or {@code null} where it is unknown. */
    @Nullable Long exact() {
        return measure(() -> {
            OptionalLong size = this.database.databaseSize(this.connection);
            OptionalLong mark = size.isPresent() ? this.database.relationMark(this.connection) : OptionalLong.empty();
            this.mark = mark.isPresent() ? mark.getAsLong() : null;
            return size.isPresent() ? size.getAsLong() : null;
        });
    }

    /** The size after a migration that ran {@code statements}, starting from {@code before}. */
    @Nullable Long after(List<String> statements, @Nullable Long before) {
        Long mark = this.mark;
        if (before == null || mark == null || !onlyCreatesOrAlters(statements)) {
            return exact();
        }
        return measure(() -> {
            RelationGrowth growth = this.database.relationGrowth(this.connection, mark);
            this.mark = growth.nextMark();
            return before + growth.bytes();
        });
    }

    private static boolean onlyCreatesOrAlters(List<String> statements) {
        if (statements.isEmpty()) {
            return false;
        }
        for (String sql : statements) {
            String start = sql.stripLeading().toUpperCase(Locale.ROOT);
            if (!start.startsWith("CREATE ") && !start.startsWith("ALTER ") && !start.startsWith("COMMENT ")) {
                return false;
            }
        }
        return true;
    }

    private @Nullable Long measure(Measurement measurement) {
        if (!this.available) {
            return null;
        }
        boolean inTransaction = true;
        try {
            inTransaction = !this.connection.getAutoCommit();
            return measurement.run();
        }
        catch (SQLException ex) {
            if (inTransaction) {
                throw new MigrationException(ErrorCode.EXECUTION_FAILED, "Could not measure the database size: "
                        + ex.getMessage(), ex);
            }
            logger.warn("Could not measure the database size; leaving it out: {}", ex.getMessage());
            this.available = false;
            this.mark = null;
            return null;
        }
    }

    @FunctionalInterface
    private interface Measurement {

        @Nullable Long run() throws SQLException;
    }
}
