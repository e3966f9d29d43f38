package dev.saferoll.migrations.autoconfigure;

import java.util.List;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says what to add when the application has migrations but no {@code DataSource} for them.
 */
class MigrationsDataSourceMissingFailureAnalyzer extends AbstractFailureAnalyzer<MigrationsDataSourceMissingException> {

    private static final int LISTED = 5;

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrationsDataSourceMissingException cause) {
        List<String> migrations = cause.getMigrations();
        String found = String.join(", ", migrations.subList(0, Math.min(LISTED, migrations.size())))
                + ((migrations.size() > LISTED) ? " and " + (migrations.size() - LISTED) + " more" : "");
        if (cause.getDataSources().isEmpty()) {
            return new FailureAnalysis("Saferoll found " + migrations.size() + " migration(s) (" + found
                    + ") but there is no DataSource to run them on, so none would run.",
                    "Configure a DataSource: keep spring-boot-starter-jdbc (which Saferoll brings) and a JDBC driver"
                            + " such as org.postgresql:postgresql on the classpath, set spring.datasource.url (and"
                            + " spring.datasource.username/password), and do not exclude DataSourceAutoConfiguration;"
                            + " or define a DataSource bean. To start without migrations, set migrations.enabled=false.",
                    cause);
        }
        return new FailureAnalysis("Saferoll found " + migrations.size() + " migration(s) (" + found + ") and "
                + cause.getDataSources().size() + " DataSource beans " + cause.getDataSources()
                + ", none of them primary, so it cannot tell which database to migrate.",
                "Mark the DataSource of the database to migrate with @Primary, or define your own Migrations bean"
                        + " with the DataSource it should use. To start without migrations, set"
                        + " migrations.enabled=false.",
                cause);
    }
}
