package dev.saferoll.migrations.event;

import org.springframework.context.ApplicationEvent;

import dev.saferoll.migrations.MigrationOutcome;

/** A migration was applied (not in a dry run). */
public class MigrationAppliedEvent extends ApplicationEvent {

    private final MigrationOutcome outcome;

    public MigrationAppliedEvent(Object source, MigrationOutcome outcome) {
        super(source);
        this.outcome = outcome;
    }

    /** What happened: version, domain, execution time, statements and database sizes. */
    public MigrationOutcome getOutcome() {
        return this.outcome;
    }
}
