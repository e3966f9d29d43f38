package dev.saferoll.migrations.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What {@link PostgresDatabase} measures of a statement's effect, from the catalog and {@code pg_locks}: the locks its
 * own backend holds, a table's estimated rows and size, and the files a rewrite replaces.
 */
final class PostgresMeasurements {

    // pg_locks' modes from weakest to strongest; each conflicts with more of the others than the one before.
    private static final List<String> LOCK_MODES = List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock",
            "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");

    private static final Pattern PLAN_ROWS = Pattern.compile("rows=(\\d+)");

    // Up to this size, a table never analyzed is counted rather than estimated.
    private static final long COUNTED_BYTES = 8L * 1024 * 1024;

    private static final String RELATION_BYTES = "pg_relation_size(c.oid, 'main') + pg_relation_size(c.oid, 'fsm') "
            + "+ pg_relation_size(c.oid, 'vm') + pg_relation_size(c.oid, 'init')";

    private PostgresMeasurements() {
    }

    static List<HeldLock> heldLocks(Connection connection, long mark) throws SQLException {
        String sql = "SELECT c.oid::bigint, n.nspname, c.relname, l.mode, c.relfilenode::bigint "
                + "FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_class c ON c.oid = l.relation "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE l.pid = pg_catalog.pg_backend_pid() AND l.locktype = 'relation' AND l.granted "
                + "AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = current_database()) "
                + "AND c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                + "AND n.nspname NOT LIKE 'pg\\_toast%' AND c.oid::bigint <= ?";
        Map<Long, HeldLock> strongest = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, mark);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int strength = LOCK_MODES.indexOf(rows.getString(4)) + 1;
                    HeldLock lock = new HeldLock(rows.getLong(1), rows.getString(2), rows.getString(3),
                            modeName(rows.getString(4)), strength, rows.getLong(5));
                    strongest.merge(lock.relation(), lock, (a, b) -> (a.strength() >= b.strength()) ? a : b);
                }
            }
        }
        return List.copyOf(strongest.values());
    }

    /** {@code AccessExclusiveLock} as the documentation writes it: {@code ACCESS EXCLUSIVE}. */
    private static String modeName(String mode) {
        String name = mode.endsWith("Lock") ? mode.substring(0, mode.length() - 4) : mode;
        return name.replaceAll("(?<=[a-z])(?=[A-Z])", " ").toUpperCase(Locale.ROOT);
    }

    // reltuples is -1 until the table is first vacuumed or analyzed. Then a small table is counted (cheap, and the
    // planner's guess for one page is dozens of rows), and a large one estimated by the planner from its pages.
    static TableStatistics tableStatistics(Connection connection, long relation) throws SQLException {
        String sql = "SELECT c.reltuples::float8, pg_catalog.pg_total_relation_size(c.oid), n.nspname, c.relname, "
                + "c.relkind, pg_catalog.pg_relation_size(c.oid) FROM pg_catalog.pg_class c "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid::bigint = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, relation);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return new TableStatistics(OptionalLong.empty(), OptionalLong.empty());
                }
                double tuples = rows.getDouble(1);
                String table = PostgresCatalog.qualified(rows.getString(3), rows.getString(4));
                OptionalLong estimate = (tuples >= 0) ? OptionalLong.of(Math.round(tuples))
                        : (rows.getLong(6) <= COUNTED_BYTES) ? count(connection, table)
                                : plannerRows(connection, table, !"p".equals(rows.getString(5)));
                return new TableStatistics(estimate, OptionalLong.of(rows.getLong(2)));
            }
        }
    }

    private static OptionalLong count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
        }
    }

    private static OptionalLong plannerRows(Connection connection, String table, boolean only) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("EXPLAIN SELECT 1 FROM " + (only ? "ONLY " : "") + table)) {
            Matcher matcher = rows.next() ? PLAN_ROWS.matcher(rows.getString(1)) : null;
            return (matcher != null && matcher.find()) ? OptionalLong.of(Long.parseLong(matcher.group(1)))
                    : OptionalLong.empty();
        }
    }

    static List<RelationFile> tableFiles(Connection connection, @Nullable String schema, String table)
            throws SQLException {
        String sql = "WITH t AS (SELECT c.oid, c.reltoastrelid FROM pg_catalog.pg_class c "
                + "WHERE c.oid = pg_catalog.to_regclass(?) AND c.relkind IN ('r', 'm')) "
                + "SELECT c.oid::bigint, c.relfilenode::bigint, " + RELATION_BYTES + " FROM pg_catalog.pg_class c "
                + "WHERE c.oid IN (SELECT t.oid FROM t UNION ALL SELECT t.reltoastrelid FROM t "
                + "UNION ALL SELECT i.indexrelid FROM pg_catalog.pg_index i, t "
                + "WHERE i.indrelid IN (t.oid, t.reltoastrelid))";
        List<RelationFile> files = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, PostgresCatalog.qualified(schema, table));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    files.add(new RelationFile(rows.getLong(1), rows.getLong(2), rows.getLong(3)));
                }
            }
        }
        return List.copyOf(files);
    }

    static Set<Long> rewrittenSince(Connection connection, Collection<Long> relations, long mark)
            throws SQLException {
        if (relations.isEmpty()) {
            return Set.of();
        }
        String sql = "SELECT c.oid::bigint FROM pg_catalog.pg_class c WHERE c.oid::bigint = ANY (?) "
                + "AND c.relfilenode::bigint > ?";
        Set<Long> rewritten = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("bigint", relations.toArray()));
            statement.setLong(2, mark);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    rewritten.add(rows.getLong(1));
                }
            }
        }
        return Set.copyOf(rewritten);
    }
}
