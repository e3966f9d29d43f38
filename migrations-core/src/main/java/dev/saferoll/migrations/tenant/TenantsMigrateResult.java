package dev.saferoll.migrations.tenant;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a fan-out did to every tenant.
 * @param runs one run per tenant, in the order the tenants were listed
 * @param duration how long the whole fan-out took
 */
public record TenantsMigrateResult(List<TenantRun> runs, Duration duration) {

    /** How many failed tenants {@link #summary()} names before it only counts the rest. */
    static final int NAMED_FAILURES = 10;

    public TenantsMigrateResult {
        runs = List.copyOf(runs);
    }

    /** The runs that ended with the given result. */
    public List<TenantRun> runs(TenantRun.Result result) {
        return this.runs.stream().filter((run) -> run.result() == result).toList();
    }

    /** How many runs ended with the given result. */
    public int count(TenantRun.Result result) {
        return (int) this.runs.stream().filter((run) -> run.result() == result).count();
    }

    /** Whether any tenant failed. */
    public boolean hasFailures() {
        return count(TenantRun.Result.FAILED) > 0;
    }

    /** "3 migrated, 1 failed, 2 up to date", then the skipped count and the first failed tenants, if any. */
    public String summary() {
        StringBuilder summary = new StringBuilder().append(count(TenantRun.Result.MIGRATED))
            .append(" migrated, ")
            .append(count(TenantRun.Result.FAILED))
            .append(" failed, ")
            .append(count(TenantRun.Result.UP_TO_DATE))
            .append(" up to date");
        int skipped = count(TenantRun.Result.SKIPPED);
        if (skipped > 0) {
            summary.append(", ").append(skipped).append(" skipped after the first failure");
        }
        List<TenantRun> failed = runs(TenantRun.Result.FAILED);
        if (!failed.isEmpty()) {
            summary.append("; failed: ")
                .append(failed.stream()
                    .limit(NAMED_FAILURES)
                    .map(TenantRun::tenant)
                    .collect(Collectors.joining(", ")));
            if (failed.size() > NAMED_FAILURES) {
                summary.append(" and ").append(failed.size() - NAMED_FAILURES).append(" more");
            }
        }
        return summary.toString();
    }
}
