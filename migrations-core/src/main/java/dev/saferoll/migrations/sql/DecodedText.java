package dev.saferoll.migrations.sql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The value of a PostgreSQL escape string while it is decoded: characters, and raw bytes from octal and hex escapes,
 * which are decoded as UTF-8.
 */
final class DecodedText {

    private final StringBuilder chars = new StringBuilder();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    void append(char c) {
        flush();
        this.chars.append(c);
    }

    void appendCodePoint(int codePoint) {
        flush();
        if (Character.isValidCodePoint(codePoint)) {
            this.chars.appendCodePoint(codePoint);
        }
    }

    void appendByte(int b) {
        this.bytes.write(b);
    }

    private void flush() {
        if (this.bytes.size() > 0) {
            this.chars.append(new String(this.bytes.toByteArray(), StandardCharsets.UTF_8));
            this.bytes.reset();
        }
    }

    @Override
    public String toString() {
        flush();
        return this.chars.toString();
    }
}
