package dev.saferoll.migrations.schema;

import java.math.BigDecimal;
import java.math.BigInteger;

/** A column default: a literal value, or the current timestamp. */
public sealed interface DefaultValue {

    /** A literal, rendered by the grammar as an escaped SQL literal. */
    record Literal(Object value) implements DefaultValue {
        public Literal {
            if (value instanceof String text) {
                if (text.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("A default value must not contain the NUL character");
                }
            }
            else if (value instanceof Double || value instanceof Float) {
                if (!Double.isFinite(((Number) value).doubleValue())) {
                    throw new IllegalArgumentException("A default value must be a finite number but was " + value);
                }
            }
            else if (!(value instanceof Integer || value instanceof Long || value instanceof Short
                    || value instanceof Byte || value instanceof BigDecimal || value instanceof BigInteger
                    || value instanceof Boolean)) {
                throw new IllegalArgumentException("Unsupported default value " + value + " ("
                        + ((value != null) ? value.getClass().getName() : "null")
                        + "); use a String, a Number or a Boolean, or useCurrent() for the current timestamp");
            }
        }
    }

    /** {@code CURRENT_TIMESTAMP}. */
    record CurrentTimestamp() implements DefaultValue {
    }
}
