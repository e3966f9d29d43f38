package dev.saferoll.migrations.event;

import org.springframework.context.ApplicationEvent;

import dev.saferoll.migrations.MigrationOutcome;

/** A migration failed; its transaction, if it had one, was rolled back and it is recorded as FAILED. */
public class MigrationFailedEvent extends ApplicationEvent {

    private final MigrationOutcome outcome;

    public MigrationFailedEvent(Object source, MigrationOutcome outcome) {
        super(source);
        this.outcome = outcome;
    }

    /** What happened: version, domain, execution time, statements and database sizes. */
    public MigrationOutcome getOutcome() {
        return this.outcome;
    }
}
