package io.calamari.protocol.graphite;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Carbon's plaintext protocol ({@code metric value timestamp\n}) decoded from the bytes of one
 * connection, with carbon's edge behaviour: lines end with {@code \n} and are stripped (so a
 * {@code \r} before it goes); a line must have exactly three whitespace-separated fields, or it is
 * skipped and the connection stays open; a line or unterminated rest over {@link #MAX_LINE_LENGTH}
 * bytes closes the connection (Twisted's {@code MAX_LENGTH}); a last line without newline is never
 * decoded. Whole lines are decoded where they lie in the caller's buffer; only a line split across two
 * reads is copied. Not thread-safe: one decoder per connection.
 */
public final class PlaintextDecoder {
    /** Twisted LineOnlyReceiver's MAX_LENGTH: longer lines close the connection. */
    public static final int MAX_LINE_LENGTH = 16_384;

    private static final byte[] EMPTY = new byte[0];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A_0A0A_0A0A_0A0AL;

    private byte[] partial = EMPTY;
    private int partialLength;

    /**
     * Decodes {@code bytes[offset, offset + length)}, the next bytes received, reporting to {@code handler}.
     *
     * @return false when the connection must be closed (a line too long; the handler was told)
     */
    public boolean decode(byte[] bytes, int offset, int length, GraphiteHandler handler) {
        int end = offset + length;
        int position = offset;
        if (partialLength > 0) {
            int newline = indexOfNewline(bytes, position, end);
            int take = (newline < 0 ? end : newline) - position;
            if (partialLength + take > MAX_LINE_LENGTH) {
                return tooLong(bytes, position, end, handler);
            }
            append(bytes, position, take);
            if (newline < 0) {
                return true;
            }
            int lineLength = partialLength;
            partialLength = 0;
            decodeLine(partial, 0, lineLength, handler);
            position = newline + 1;
        }
        while (position < end) {
            int newline = indexOfNewline(bytes, position, end);
            if (newline < 0) {
                if (end - position > MAX_LINE_LENGTH) {
                    return tooLong(bytes, position, end, handler);
                }
                append(bytes, position, end - position);
                return true;
            }
            if (newline - position > MAX_LINE_LENGTH) {
                return tooLong(bytes, position, end, handler);
            }
            decodeLine(bytes, position, newline - position, handler);
            position = newline + 1;
        }
        return true;
    }

    /** Bytes of an unterminated last line held back; carbon drops them when the connection closes. */
    public int pendingBytes() {
        return partialLength;
    }

    private boolean tooLong(byte[] bytes, int position, int end, GraphiteHandler handler) {
        if (partialLength > 0) {
            handler.rejected(Rejection.TOO_LONG, partial, 0, partialLength);
        } else {
            handler.rejected(Rejection.TOO_LONG, bytes, position, Math.min(MAX_LINE_LENGTH, end - position));
        }
        partialLength = 0;
        partial = EMPTY;
        return false;
    }

    private void append(byte[] bytes, int position, int count) {
        if (partialLength + count > partial.length) {
            partial = Arrays.copyOf(partial, Math.min(MAX_LINE_LENGTH, Math.max(256, 2 * (partialLength + count))));
        }
        System.arraycopy(bytes, position, partial, partialLength, count);
        partialLength += count;
    }

    /** Decodes one line without its newline: three fields, split on runs of whitespace. */
    static void decodeLine(byte[] line, int offset, int length, GraphiteHandler handler) {
        int end = offset + length;
        int nameStart = skipSpace(line, offset, end);
        int nameEnd = skipField(line, nameStart, end);
        int valueStart = skipSpace(line, nameEnd, end);
        int valueEnd = skipField(line, valueStart, end);
        int timestampStart = skipSpace(line, valueEnd, end);
        int timestampEnd = skipField(line, timestampStart, end);
        if (nameStart == nameEnd
                || valueStart == valueEnd
                || timestampStart == timestampEnd
                || skipSpace(line, timestampEnd, end) != end) {
            handler.rejected(Rejection.FIELDS, line, offset, length);
            return;
        }
        double value = PythonFloat.parse(line, valueStart, valueEnd);
        double timestamp = PythonFloat.parse(line, timestampStart, timestampEnd);
        if (PythonFloat.isInvalid(value) || PythonFloat.isInvalid(timestamp)) {
            handler.rejected(Rejection.NUMBER, line, offset, length);
            return;
        }
        handler.point(line, nameStart, nameEnd - nameStart, value, timestamp);
    }

    private static int skipSpace(byte[] line, int position, int end) {
        while (position < end && PythonFloat.isSpace(line[position])) {
            position++;
        }
        return position;
    }

    private static int skipField(byte[] line, int position, int end) {
        while (position < end && !PythonFloat.isSpace(line[position])) {
            position++;
        }
        return position;
    }

    /** The first newline in {@code bytes[from, to)}, or -1; eight bytes at a time where it can. */
    private static int indexOfNewline(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long word = (long) LONGS.get(bytes, i) ^ NEWLINES;
            // a byte of zero (a newline) sets its high bit; the lowest set bit is always a real one
            long found = (word - 0x0101_0101_0101_0101L) & ~word & 0x8080_8080_8080_8080L;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
