package dev.saferoll.migrations.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.saferoll.migrations.MigrationVersion;

/**
 * What {@link MigrationRoundTrip#verify()} found, one entry per migration in version order.
 * @param entries every migration, in version order
 */
public record RoundTripReport(List<Entry> entries) {

    public RoundTripReport {
        entries = List.copyOf(entries);
    }

    /** The entries that failed. */
    public List<Entry> failures() {
        return this.entries.stream().filter((entry) -> entry.result() == Result.FAILED).toList();
    }

    /** Whether no migration failed and every one was checked. */
    public boolean isSuccessful() {
        return this.entries.stream().allMatch((entry) -> entry.result() == Result.VERIFIED
                || entry.result() == Result.FORWARD_ONLY);
    }

    /** The entry for a version, if the migrations hold it. */
    public Optional<Entry> find(MigrationVersion version) {
        return this.entries.stream().filter((entry) -> entry.version().equals(version)).findFirst();
    }

    /** A readable account of every failure and skipped migration; empty when successful. */
    public String describeFailures() {
        List<Entry> problems = this.entries.stream()
            .filter((entry) -> entry.result() == Result.FAILED || entry.result() == Result.SKIPPED)
            .toList();
        if (problems.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        text.append(failures().size()).append(" of ").append(this.entries.size())
            .append(" migrations failed the rollback round trip (up, down, up must restore the schema exactly):");
        for (Entry entry : problems) {
            text.append("\n\n").append(entry.describe());
        }
        return text.toString();
    }

    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        this.entries.forEach((entry) -> lines.add(entry.version() + " " + entry.result() + " " + entry.description()));
        return String.join("\n", lines);
    }

    /** How a migration came through the round trip. */
    public enum Result {
        /** Up, down, up: the schema after down equals the schema before up, and up again gives the same schema. */
        VERIFIED,
        /** Not {@link dev.saferoll.migrations.SafelyReversible}: applied, not rolled back. */
        FORWARD_ONLY,
        /** Its down did not restore the schema, was refused, or failed; or up failed. */
        FAILED,
        /** Not checked, because an earlier failure left the database unfit to go on. */
        SKIPPED
    }

    /**
     * One migration's outcome.
     * @param version its version
     * @param description its description
     * @param result how it came through
     * @param findings what went wrong; empty unless FAILED or SKIPPED
     */
    public record Entry(MigrationVersion version, String description, Result result, List<Finding> findings) {

        public Entry {
            findings = List.copyOf(findings);
        }

        /** Every diff line of every finding. */
        public List<String> diff() {
            return this.findings.stream().flatMap((finding) -> finding.diff().stream()).toList();
        }

        String describe() {
            StringBuilder text = new StringBuilder(this.version + " \"" + this.description + "\" " + this.result);
            for (Finding finding : this.findings) {
                text.append("\n  ").append(finding.problem());
                finding.diff().forEach((line) -> text.append("\n    ").append(line));
            }
            return text.toString();
        }
    }

    /**
     * One problem found with a migration.
     * @param problem what went wrong, one sentence
     * @param diff the schema differences, as {@link dev.saferoll.migrations.database.CatalogSnapshot#diff} writes them
     */
    public record Finding(String problem, List<String> diff) {

        public Finding {
            diff = List.copyOf(diff);
        }
    }
}
