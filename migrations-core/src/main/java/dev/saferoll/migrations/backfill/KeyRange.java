package dev.saferoll.migrations.backfill;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The keys of one batch: greater than {@code lowerExclusive} (absent for the first batch) and at most
 * {@code upperInclusive}. Keys are {@link Long} for integer keys, {@link java.util.UUID} for uuid keys and
 * {@link String} for text keys.
 * @param condition the SQL condition that selects the batch, with {@code ?} placeholders, for example
 * {@code "id" > ? AND "id" <= ?}
 * @param lowerExclusive the last key of the previous batch, or {@code null} for the first batch
 * @param upperInclusive the last key of this batch
 */
public record KeyRange(String condition, @Nullable Object lowerExclusive, Object upperInclusive) {

    /** The values for the placeholders of {@link #condition()}, in order. */
    public List<Object> parameters() {
        return (this.lowerExclusive != null) ? List.of(this.lowerExclusive, this.upperInclusive)
                : List.of(this.upperInclusive);
    }

    /** The parameters as an array, for {@code MigrationConnection.execute(sql, range.parameterArray())}. */
    public Object[] parameterArray() {
        return parameters().toArray();
    }
}
