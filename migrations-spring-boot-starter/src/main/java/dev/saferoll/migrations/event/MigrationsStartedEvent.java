package dev.saferoll.migrations.event;

import org.springframework.context.ApplicationEvent;

import dev.saferoll.migrations.MigrationListener.Operation;

/** A migrate, rollback or fresh run started (the migration lock is held). */
public class MigrationsStartedEvent extends ApplicationEvent {

    private final Operation operation;

    public MigrationsStartedEvent(Object source, Operation operation) {
        super(source);
        this.operation = operation;
    }

    public Operation getOperation() {
        return this.operation;
    }
}
