package dev.saferoll.migrations.schema;

import dev.saferoll.migrations.Dialect;

/**
 * MariaDB 10.11's SQL: MySQL's, with a native {@code uuid} type, generated columns that take no NULL or NOT NULL,
 * and a dropped foreign key that takes along the index MariaDB created for it, so that adding and dropping a
 * foreign key leaves the table as it was.
 */
final class MariaDbGrammar extends MySqlGrammar {

    static final MariaDbGrammar INSTANCE = new MariaDbGrammar();

    private MariaDbGrammar() {
        super(Dialect.MARIADB);
    }

    @Override
    String uuidType() {
        return "uuid";
    }

    @Override
    boolean generatedColumnsTakeNullability() {
        return false;
    }

    @Override
    String dropForeignKey(ConstraintName name) {
        return "DROP FOREIGN KEY " + q(name) + ", DROP INDEX IF EXISTS " + q(name);
    }
}
