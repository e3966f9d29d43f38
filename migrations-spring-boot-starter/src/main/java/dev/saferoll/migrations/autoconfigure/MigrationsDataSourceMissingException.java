package dev.saferoll.migrations.autoconfigure;

import java.util.List;

/**
 * Thrown at startup when the application has migrations but no {@code DataSource} Saferoll can run them on, so that
 * they are not skipped without a word. {@link MigrationsDataSourceMissingFailureAnalyzer} says what to add.
 */
class MigrationsDataSourceMissingException extends RuntimeException {

    private final List<String> migrations;

    private final List<String> dataSources;

    /**
     * @param migrations what was found to run, one name each
     * @param dataSources the names of the {@code DataSource} beans, none or several without a primary one
     */
    MigrationsDataSourceMissingException(List<String> migrations, List<String> dataSources) {
        super("Found " + migrations.size() + " migration(s) but " + (dataSources.isEmpty() ? "no DataSource"
                : "no single primary DataSource among " + dataSources) + " to run them on");
        this.migrations = List.copyOf(migrations);
        this.dataSources = List.copyOf(dataSources);
    }

    List<String> getMigrations() {
        return this.migrations;
    }

    List<String> getDataSources() {
        return this.dataSources;
    }
}
