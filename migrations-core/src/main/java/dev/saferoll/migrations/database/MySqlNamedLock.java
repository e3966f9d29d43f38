package dev.saferoll.migrations.database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * MySQL's and MariaDB's migration lock: a named lock ({@code GET_LOCK}) held on a dedicated connection. Named locks
 * belong to the server, not to a database, so the name includes the history table's schema. The server frees the
 * lock when the holder's connection ends.
 */
final class MySqlNamedLock extends DedicatedConnectionLock {

    private static final int MAX_NAME_LENGTH = 64;

    private final String lockName;

    /**
     * @param key the qualified history table
     */
    MySqlNamedLock(DataSource dataSource, String key) {
        super(dataSource, key);
        this.lockName = lockName(key);
    }

    /** {@code saferoll:schema.table}, or a hash of it where that is longer than MySQL's 64 characters. */
    static String lockName(String key) {
        String name = "saferoll:" + key;
        if (name.length() <= MAX_NAME_LENGTH) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "saferoll:" + HexFormat.of().formatHex(digest, 0, 16);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
        }
    }

    @Override
    void prepare(Connection connection) {
    }

    // GET_LOCK waits in whole seconds; 0 tries once, and the polling of the caller does the waiting.
    @Override
    boolean tryLock(Connection connection, Duration wait) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            statement.setString(1, this.lockName);
            try (ResultSet rows = statement.executeQuery()) {
                boolean held = rows.next() && rows.getInt(1) == 1;
                if (!held) {
                    pause(wait);
                }
                return held;
            }
        }
    }

    private static void pause(Duration wait) throws SQLException {
        try {
            Thread.sleep(Math.max(1, wait.toMillis()));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting for the migration lock", ex);
        }
    }

    @Override
    Optional<String> holder(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT concat('connection ', p.id, "
                + "' (user ', p.user, ', client ', coalesce(p.host, 'local'), ')') "
                + "FROM information_schema.processlist p WHERE p.id = IS_USED_LOCK(?)")) {
            statement.setString(1, this.lockName);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    void release(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            statement.setString(1, this.lockName);
            statement.execute();
        }
    }
}
