package dev.saferoll.migrations.event;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationListener;
import dev.saferoll.migrations.MigrationOutcome;
import dev.saferoll.migrations.MigrationOutcome.Direction;
import dev.saferoll.migrations.MigrationOutcome.Outcome;
import dev.saferoll.migrations.MigrationStatus;

/**
 * Publishes what the runner does as application events. A dry run publishes only the started and finished events.
 * <p>
 * The startup run happens while singletons are created, before {@code @EventListener} methods are registered: to
 * hear it, implement {@link org.springframework.context.ApplicationListener} in a bean instead.
 */
public class MigrationEventPublisher implements MigrationListener {

    private static final Log logger = LogFactory.getLog(MigrationEventPublisher.class);

    private final ApplicationEventPublisher publisher;

    public MigrationEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void runStarted(Operation operation) {
        publish(new MigrationsStartedEvent(this, operation));
    }

    @Override
    public void migrationFinished(MigrationOutcome outcome) {
        if (outcome.outcome() == Outcome.FAILED) {
            publish(new MigrationFailedEvent(this, outcome));
        }
        else if (outcome.outcome() == Outcome.SUCCESS && outcome.direction() == Direction.UP) {
            publish(new MigrationAppliedEvent(this, outcome));
        }
        else if (outcome.outcome() == Outcome.SUCCESS) {
            publish(new MigrationRolledBackEvent(this, outcome));
        }
    }

    @Override
    public void runFinished(Operation operation, MigrationStatus status) {
        publish(MigrationsFinishedEvent.succeeded(this, operation, status));
    }

    @Override
    public void runFailed(Operation operation, MigrationException error) {
        publish(MigrationsFinishedEvent.failed(this, operation, error));
    }

    // A listener that throws must not turn a successful migration into a failed run.
    private void publish(ApplicationEvent event) {
        try {
            this.publisher.publishEvent(event);
        }
        catch (RuntimeException ex) {
            logger.warn("A listener of " + event.getClass().getSimpleName() + " failed: " + ex.getMessage(), ex);
        }
    }
}
