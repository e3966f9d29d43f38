package dev.saferoll.migrations.event;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationListener.Operation;
import dev.saferoll.migrations.MigrationStatus;

/** A run ended: successfully, with the status after it, or with the error that stopped it. */
public class MigrationsFinishedEvent extends ApplicationEvent {

    private final Operation operation;

    private final @Nullable MigrationStatus status;

    private final @Nullable MigrationException error;

    private MigrationsFinishedEvent(Object source, Operation operation, @Nullable MigrationStatus status,
            @Nullable MigrationException error) {
        super(source);
        this.operation = operation;
        this.status = status;
        this.error = error;
    }

    public static MigrationsFinishedEvent succeeded(Object source, Operation operation, MigrationStatus status) {
        return new MigrationsFinishedEvent(source, operation, status, null);
    }

    public static MigrationsFinishedEvent failed(Object source, Operation operation, MigrationException error) {
        return new MigrationsFinishedEvent(source, operation, null, error);
    }

    public Operation getOperation() {
        return this.operation;
    }

    public boolean isSuccessful() {
        return this.error == null;
    }

    /** The status after a successful run. */
    public Optional<MigrationStatus> getStatus() {
        return Optional.ofNullable(this.status);
    }

    /** The error that stopped a failed run. */
    public Optional<MigrationException> getError() {
        return Optional.ofNullable(this.error);
    }
}
