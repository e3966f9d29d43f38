package dev.saferoll.migrations.cli;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.LockNotAcquiredException;
import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationExecutionException;
import dev.saferoll.migrations.MigrationStatus;
import dev.saferoll.migrations.MigrationValidationException;
import dev.saferoll.migrations.Migrations;
import dev.saferoll.migrations.RollbackRefusedException;
import dev.saferoll.migrations.safety.RollbackWouldLoseDataException;

/** How a command reports a refusal or a failure: what happened, what was left unchanged, and what to run next. */
final class FailureReport {

    private final CommandConsole console;

    private final Symbols symbols;

    private final String launcher;

    private final String target;

    /** @param target what each suggested database command needs after it, such as {@code " --tenant=acme"} */
    FailureReport(CommandConsole console, Symbols symbols, String launcher, String target) {
        this.console = console;
        this.symbols = symbols;
        this.launcher = launcher;
        this.target = target;
    }

    /** A rollback refused before anything ran: fix-forward advice for a forward-only migration. */
    CommandExitCode rollbackRefused(RollbackRefusedException ex, @Nullable Migrations migrations) {
        if (!ex.isForwardOnly()) {
            this.console.println("");
            this.console.println(this.symbols.error + " " + ex.getDescription() + ".");
            this.console.println(this.symbols.tip + " " + ex.getRecommendation() + ".");
            return CommandExitCode.REFUSED;
        }
        String description = "";
        try {
            MigrationStatus status = (migrations != null) ? migrations.status() : null;
            description = (status != null) ? status.find(ex.getVersion())
                .map((entry) -> " (" + entry.description() + ")")
                .orElse("") : "";
        }
        catch (RuntimeException ignored) {
            // The refusal is the news; the description only decorates it.
        }
        this.console.println("");
        this.console.println(this.symbols.error + " Rollback failed: Migration " + ex.getVersion() + description
                + " does not support safe rollback");
        this.console.println("");
        this.console.println("This migration cannot be safely rolled back.");
        this.console.println("Reason: Data loss would occur during rollback.");
        this.console.println("Nothing was rolled back.");
        this.console.println("");
        recommendFixForward();
        return CommandExitCode.REFUSED;
    }

    void recommendFixForward() {
        this.console.println(this.symbols.tip + " Recommendation:");
        this.console.println("   Create a new forward migration to undo the changes instead:");
        this.console.println("   " + this.launcher + " make:migration FixYourChanges");
    }

    /** Any other refusal or failure, with what to do next and the exit code it means. */
    CommandExitCode failed(MigrationException ex) {
        this.console.println("");
        if (ex instanceof RollbackWouldLoseDataException) {
            this.console.println(this.symbols.error + " Rollback refused: " + ex.getMessage());
            this.console.println("   Nothing was changed.");
            this.console.println("");
            recommendFixForward();
            return CommandExitCode.REFUSED;
        }
        if (ex instanceof MigrationValidationException validation) {
            this.console.println(this.symbols.error + " Migrations failed validation; nothing was applied:");
            for (String problem : validation.getProblems()) {
                this.console.println("   - " + problem);
            }
            this.console.println("   See the details with: " + this.launcher + " db:status" + this.target);
            tenantHint(String.join(" ", validation.getProblems()));
            return CommandExitCode.FAILURE;
        }
        if (ex instanceof MigrationExecutionException execution) {
            this.console.println(this.symbols.error + " Migration " + execution.getVersion() + " failed: "
                    + ex.getMessage());
            if (execution.getStatement() != null) {
                this.console.println("   Statement: " + execution.getStatement());
            }
            if (execution.getSqlState() != null) {
                this.console.println("   SQLSTATE: " + execution.getSqlState());
            }
            this.console.println("");
            this.console.println(this.symbols.tip + " Fix the migration (and, for a non-transactional one, undo its"
                    + " partial changes by hand), then run:");
            this.console.println("   " + this.launcher + " db:reset " + execution.getVersion() + this.target);
            this.console.println("   " + this.launcher + " db:migrate" + this.target);
            tenantHint(ex.getMessage());
            return CommandExitCode.FAILURE;
        }
        if (ex instanceof LockNotAcquiredException) {
            this.console.println(this.symbols.error + " " + ex.getMessage());
            return CommandExitCode.FAILURE;
        }
        this.console.println(this.symbols.error + " " + ex.getMessage());
        tenantHint(ex.getMessage());
        if (ex.getErrorCode() == MigrationException.ErrorCode.UNKNOWN_TENANT) {
            this.console.println("   List the tenants with: " + this.launcher + " db:status --all-tenants");
            return CommandExitCode.USAGE;
        }
        if (ex.getErrorCode() == MigrationException.ErrorCode.INVALID_INPUT) {
            this.console.println("   Run " + this.launcher + " db:help for usage.");
            return CommandExitCode.USAGE;
        }
        if (ex.getErrorCode() == MigrationException.ErrorCode.OPERATION_DISABLED
                || ex.getErrorCode() == MigrationException.ErrorCode.ROLLBACK_REFUSED
                || ex.getErrorCode() == MigrationException.ErrorCode.ROLLBACK_WOULD_LOSE_DATA) {
            return CommandExitCode.REFUSED;
        }
        return CommandExitCode.FAILURE;
    }

    /** For a tenant's command: the advice in {@code text} names db: commands, which need the tenant too. */
    private void tenantHint(@Nullable String text) {
        if (!this.target.isEmpty() && text != null && text.contains("db:")) {
            this.console.println("   Add" + this.target + " to each db: command named above.");
        }
    }

    /** The message of an unexpected failure, with its root cause. */
    static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
        return (root == ex) ? message : ex.getMessage() + " (" + message + ")";
    }
}
