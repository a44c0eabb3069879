package io.calamari.tsdb.query.format;

import io.calamari.tsdb.query.PythonFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A small buffered writer for the render formats: numbers are formatted into one reused builder and
 * copied into a byte buffer flushed to the stream every 64 KiB, so a large answer never exists as
 * one string. Not thread-safe.
 */
final class AsciiOutput {
    private final OutputStream stream;
    private final byte[] buffer = new byte[65_536];
    private final StringBuilder number = new StringBuilder(32);
    private int size;

    AsciiOutput(OutputStream stream) {
        this.stream = stream;
    }

    AsciiOutput append(char c) throws IOException {
        if (c < 0x80) {
            if (size == buffer.length) {
                flush();
            }
            buffer[size++] = (byte) c;
            return this;
        }
        return appendUtf8(String.valueOf(c));
    }

    /** Appends text as UTF-8 (ASCII fast path). */
    AsciiOutput append(CharSequence text) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return appendUtf8(text.subSequence(i, text.length()).toString());
            }
            if (size == buffer.length) {
                flush();
            }
            buffer[size++] = (byte) c;
        }
        return this;
    }

    private AsciiOutput appendUtf8(String text) throws IOException {
        flush();
        stream.write(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    AsciiOutput append(long value) throws IOException {
        number.setLength(0);
        number.append(value);
        return append(number);
    }

    /** A float as Python's repr prints it. */
    AsciiOutput appendRepr(double value) throws IOException {
        number.setLength(0);
        PythonFormat.appendRepr(number, value);
        return append(number);
    }

    /** A JSON string as Python's json.dumps writes it (non-ASCII escaped). */
    AsciiOutput appendJsonString(String text) throws IOException {
        append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> append("\\\"");
                case '\\' -> append("\\\\");
                case '\n' -> append("\\n");
                case '\r' -> append("\\r");
                case '\t' -> append("\\t");
                case '\b' -> append("\\b");
                case '\f' -> append("\\f");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        append(String.format("\\u%04x", (int) c));
                    } else {
                        append(c);
                    }
                }
            }
        }
        return append('"');
    }

    void flush() throws IOException {
        stream.write(buffer, 0, size);
        size = 0;
    }
}
