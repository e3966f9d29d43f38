package dev.saferoll.migrations.internal.check;

import java.util.List;

import dev.saferoll.migrations.safety.LintRule;
import dev.saferoll.migrations.sql.SqlCursor;
import dev.saferoll.migrations.sql.SqlFragment;
import dev.saferoll.migrations.sql.SqlName;
import dev.saferoll.migrations.sql.SqlStatement;

/**
 * The lint's PostgreSQL rules about indexes: building, dropping and rebuilding them without {@code CONCURRENTLY}, and
 * {@code CONCURRENTLY} inside a transaction, which PostgreSQL refuses. Indexes and tables created earlier in the same
 * migration are new, so nothing on them is flagged.
 */
final class PostgresIndexRules {

    private final MigrationSoFar soFar;

    PostgresIndexRules(MigrationSoFar soFar) {
        this.soFar = soFar;
    }

    /** {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table ...}, after INDEX. */
    void createIndex(SqlCursor cursor, List<Found> found) {
        boolean concurrently = cursor.accept("concurrently");
        cursor.accept("if", "not", "exists");
        SqlName index = cursor.lookingAt("on") ? null : cursor.name();
        if (!cursor.accept("on")) {
            return;
        }
        cursor.accept("only");
        SqlName table = cursor.name();
        if (table == null) {
            return;
        }
        if (index != null) {
            this.soFar.createdIndex(index);
        }
        if (concurrently) {
            concurrentlyInTransaction((index != null) ? index.toString() : table.toString(), found);
        }
        else if (this.soFar.existing(table)) {
            found.add(new Found(LintRule.NON_CONCURRENT_INDEX, table.toString()));
        }
    }

    void dropIndex(SqlStatement statement, List<Found> found) {
        SqlCursor cursor = statement.cursor();
        cursor.accept("drop", "index");
        boolean concurrently = cursor.accept("concurrently");
        cursor.accept("if", "exists");
        for (SqlFragment part : cursor.rest().splitTopLevel(",")) {
            SqlName index = part.nameAt(0);
            if (index == null) {
                continue;
            }
            if (concurrently) {
                concurrentlyInTransaction(index.toString(), found);
            }
            else if (!this.soFar.createdHere(index)) {
                found.add(new Found(LintRule.NON_CONCURRENT_DROP_INDEX, index.toString()));
            }
        }
    }

    // REINDEX [(options)] {INDEX | TABLE | SCHEMA | DATABASE | SYSTEM} [CONCURRENTLY] name
    void reindex(SqlStatement statement, List<Found> found) {
        SqlCursor cursor = statement.cursor();
        cursor.accept("reindex");
        SqlFragment options = cursor.group();
        boolean concurrently = (options != null && options.contains("concurrently"));
        boolean table = cursor.accept("table");
        boolean index = !table && cursor.accept("index");
        if (!table && !index) {
            cursor.next();
        }
        concurrently |= cursor.accept("concurrently");
        SqlName name = cursor.name();
        String subject = (name != null) ? name.toString() : statement.text();
        if (concurrently) {
            concurrentlyInTransaction(subject, found);
        }
        else if (name == null || (table && this.soFar.existing(name)) || (index && !this.soFar.createdHere(name))
                || (!table && !index)) {
            found.add(new Found(LintRule.NON_CONCURRENT_REINDEX, subject));
        }
    }

    void concurrentlyInTransaction(String subject, List<Found> found) {
        if (this.soFar.transactional()) {
            found.add(new Found(LintRule.CONCURRENTLY_IN_TRANSACTION, subject));
        }
    }
}
