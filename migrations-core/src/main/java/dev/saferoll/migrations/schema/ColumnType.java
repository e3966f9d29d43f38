package dev.saferoll.migrations.schema;

/**
 * The type of a column, independent of any dialect; a {@link dev.saferoll.migrations.schema.Grammar} writes
 * its SQL. {@link #accept} makes every grammar handle every type.
 */
public sealed interface ColumnType {

    <R> R accept(Visitor<R> visitor);

    /** Variable-length text with a maximum length. */
    record VarChar(int length) implements ColumnType {
        public VarChar {
            if (length < 1 || length > 10_485_760) {
                throw new IllegalArgumentException("String length must be between 1 and 10485760 but was " + length);
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitVarChar(this);
        }
    }

    /** Text without a length limit. */
    record Text() implements ColumnType {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitText(this);
        }
    }

    /** A 32-bit integer. */
    record IntegerType() implements ColumnType {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitInteger(this);
        }
    }

    /** A 64-bit integer. */
    record BigIntegerType() implements ColumnType {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitBigInteger(this);
        }
    }

    /** A boolean. */
    record BooleanType() implements ColumnType {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitBoolean(this);
        }
    }

    /** An exact decimal number with {@code precision} digits, {@code scale} of them after the point. */
    record DecimalType(int precision, int scale) implements ColumnType {
        public DecimalType {
            if (precision < 1 || precision > 1000) {
                throw new IllegalArgumentException("Decimal precision must be between 1 and 1000 but was " + precision);
            }
            if (scale < 0 || scale > precision) {
                throw new IllegalArgumentException(
                        "Decimal scale must be between 0 and the precision (" + precision + ") but was " + scale);
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitDecimal(this);
        }
    }

    /** A UUID. */
    record UuidType() implements ColumnType {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitUuid(this);
        }
    }

    /** JSON stored as text. */
    record JsonType() implements ColumnType {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitJson(this);
        }
    }

    /** JSON stored in a binary, indexable form. */
    record JsonbType() implements ColumnType {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitJsonb(this);
        }
    }

    /** A point in time, with time zone. */
    record TimestampType() implements ColumnType {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitTimestamp(this);
        }
    }

    /** A calendar date. */
    record DateType() implements ColumnType {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitDate(this);
        }
    }

    /** One method per type, so a grammar that misses one does not compile. */
    interface Visitor<R> {

        R visitVarChar(VarChar type);

        R visitText(Text type);

        R visitInteger(IntegerType type);

        R visitBigInteger(BigIntegerType type);

        R visitBoolean(BooleanType type);

        R visitDecimal(DecimalType type);

        R visitUuid(UuidType type);

        R visitJson(JsonType type);

        R visitJsonb(JsonbType type);

        R visitTimestamp(TimestampType type);

        R visitDate(DateType type);
    }
}
