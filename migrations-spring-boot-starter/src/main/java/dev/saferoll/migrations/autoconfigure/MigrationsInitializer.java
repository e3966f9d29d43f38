package dev.saferoll.migrations.autoconfigure;

import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.Ordered;

import dev.saferoll.migrations.MigrateOptions;
import dev.saferoll.migrations.MigrateResult;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.Migrations;

/**
 * Runs the migrations when the application starts: applies them, or with {@code migrations.dry-run=true} only logs
 * the statements a run would execute. A {@link MigrationsStartupStrategy} bean replaces this default. JPA and JDBC
 * beans are created after this one.
 */
public class MigrationsInitializer implements InitializingBean, Ordered {

    private static final Log logger = LogFactory.getLog(MigrationsInitializer.class);

    private final Migrations migrations;

    private final @Nullable MigrationsStartupStrategy strategy;

    private final boolean dryRun;

    private int order;

    private BooleanSupplier skip = () -> false;

    public MigrationsInitializer(Migrations migrations, @Nullable MigrationsStartupStrategy strategy, boolean dryRun) {
        this.migrations = migrations;
        this.strategy = strategy;
        this.dryRun = dryRun;
    }

    @Override
    public void afterPropertiesSet() {
        if (this.strategy != null) {
            this.strategy.migrate(this.migrations);
            return;
        }
        if (this.skip.getAsBoolean()) {
            return;
        }
        // The run logs what it applied; only a dry run's report is this class's to write.
        MigrateResult result = this.migrations.migrate(MigrateOptions.defaults().withDryRun(this.dryRun));
        if (result.dryRun()) {
            logDryRun(result);
        }
    }

    private void logDryRun(MigrateResult result) {
        StringBuilder report = new StringBuilder("Dry run (migrations.dry-run=true): " + result.count()
                + " pending migration(s) would run; nothing was changed");
        for (MigrationOutcome outcome : result.migrations()) {
            report.append("\n  ").append(outcome.version()).append(' ').append(outcome.description());
            outcome.statements().forEach((statement) -> report.append("\n    ").append(statement).append(';'));
        }
        logger.info(report);
    }

    @Override
    public int getOrder() {
        return this.order;
    }

    public void setOrder(int order) {
        this.order = order;
    }

    /**
     * Skips the default run when the condition holds, for example when there is no migration at all to run (the
     * run would only read the history table and log that nothing is pending).
     */
    public void setSkipWhen(BooleanSupplier skip) {
        this.skip = skip;
    }
}
