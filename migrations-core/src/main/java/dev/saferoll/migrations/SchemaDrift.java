package dev.saferoll.migrations;

import java.time.Instant;
import java.util.List;

/**
 * How the live schema differs from the one recorded after the last migration run: changes made by hand, outside
 * migrations. The history and Saferoll's own tables are left out.
 * @param recordedAt when the schema was recorded
 * @param differences one readable line per difference: {@code +} only in the live schema, {@code -} only in the
 * recorded one, {@code ~} changed; empty when there is no drift
 */
public record SchemaDrift(Instant recordedAt, List<String> differences) {

    public SchemaDrift {
        differences = List.copyOf(differences);
    }

    /** Whether the live schema differs from the recorded one. */
    public boolean isDrifted() {
        return !this.differences.isEmpty();
    }
}
