package dev.saferoll.migrations.internal.check;

import dev.saferoll.migrations.Dialect;
import dev.saferoll.migrations.sql.SqlSyntax;
import dev.saferoll.migrations.sql.StatementReader;

/** The one place that decides how the checks read a dialect's SQL. A new dialect adds one case here. */
final class DialectSyntax {

    private DialectSyntax() {
    }

    /** The lexical rules of a dialect's SQL. */
    static SqlSyntax of(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> SqlSyntax.POSTGRESQL;
        };
    }

    /** The statement reader of a dialect. */
    static StatementReader reader(Dialect dialect) {
        return StatementReader.of(of(dialect));
    }
}
