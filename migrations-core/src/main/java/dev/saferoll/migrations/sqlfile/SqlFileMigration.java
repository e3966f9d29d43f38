package dev.saferoll.migrations.sqlfile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.Migration;
import dev.saferoll.migrations.MigrationConnection;
import dev.saferoll.migrations.MigrationVersion;
import dev.saferoll.migrations.SafelyReversible;
import dev.saferoll.migrations.sql.SqlStatement;
import dev.saferoll.migrations.sql.StatementReader;

/**
 * A migration read from a SQL file. Its statements are split by the dialect's {@link StatementReader} and sent one by
 * one, so the run checks each like any other statement. A file whose first line is
 * {@value SqlFileMigrations#NO_TRANSACTION} runs outside a transaction, as {@code CREATE INDEX CONCURRENTLY} needs.
 * Made by {@link SqlFileMigrations}; with a {@code .down.sql} sibling it is {@link SafelyReversible}.
 */
public class SqlFileMigration implements Migration {

    private final MigrationVersion version;

    private final String description;

    private final String domain;

    private final SqlFile up;

    private final boolean transactional;

    private final String checksum;

    SqlFileMigration(MigrationVersion version, String description, String domain, SqlFile up, boolean transactional) {
        this.version = version;
        this.description = description;
        this.domain = domain;
        this.up = up;
        this.transactional = transactional;
        this.checksum = checksum(up.text());
    }

    /** The SHA-256 of a file's text with its line endings made {@code \n}, in lower-case hex. */
    public static String checksum(String text) {
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
        }
    }

    @Override
    public void up(MigrationConnection connection) {
        run(this.up, connection);
    }

    static void run(SqlFile file, MigrationConnection connection) {
        for (SqlStatement statement : StatementReader.of(connection.dialect()).read(file.text())) {
            connection.execute(statement.text());
        }
    }

    @Override
    public MigrationVersion getVersion() {
        return this.version;
    }

    @Override
    public String getDescription() {
        return this.description;
    }

    @Override
    public String getDomain() {
        return this.domain;
    }

    @Override
    public boolean isTransactional() {
        return this.transactional;
    }

    @Override
    public Optional<String> getChecksum() {
        return Optional.of(this.checksum);
    }

    @Override
    public String getSource() {
        return this.up.location();
    }

    /** The file the migration applies. */
    public SqlFile file() {
        return this.up;
    }

    @Override
    public String toString() {
        return this.up.location();
    }

    /** A SQL-file migration with a {@code .down.sql} sibling. */
    static final class Reversible extends SqlFileMigration implements SafelyReversible {

        private final SqlFile down;

        Reversible(MigrationVersion version, String description, String domain, SqlFile up, SqlFile down,
                boolean transactional) {
            super(version, description, domain, up, transactional);
            this.down = down;
        }

        @Override
        public void down(MigrationConnection connection) {
            run(this.down, connection);
        }

        /** The file the rollback runs. */
        @Nullable SqlFile downFile() {
            return this.down;
        }
    }
}
