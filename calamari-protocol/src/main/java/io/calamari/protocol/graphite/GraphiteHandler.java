package io.calamari.protocol.graphite;

/**
 * Receives what the decoders find, synchronously on the decoding thread. The byte ranges passed in
 * are only valid during the call: copy what must outlive it.
 */
public interface GraphiteHandler {
    /**
     * One point. The name is raw bytes (UTF-8 unless the sender is broken; checking is the handler's
     * business); value and timestamp as Python's {@code float()} gave them, NaN and -1 included.
     */
    void point(byte[] name, int nameOffset, int nameLength, double value, double timestamp);

    /**
     * Something was skipped. {@code data[offset, offset + length)} is the offending plaintext line
     * or, for pickle, a short description of what was wrong (ASCII).
     */
    void rejected(Rejection reason, byte[] data, int offset, int length);
}
