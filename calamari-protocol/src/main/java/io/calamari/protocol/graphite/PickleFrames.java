package io.calamari.protocol.graphite;

import java.util.Arrays;

/**
 * Carbon's pickle framing (Twisted's {@code Int32StringReceiver}) for one connection: a 4-byte
 * unsigned big-endian length, then that many bytes of pickle, handed to a {@link RestrictedUnpickler}.
 * A length over the limit (carbon's {@code PICKLE_RECEIVER_MAX_LENGTH}, 1 MiB) closes the
 * connection. A frame that lies whole in the caller's buffer is unpickled in place; otherwise its
 * bytes are gathered in a buffer that grows with what actually arrives, so a hostile length prefix
 * costs no memory until the bytes are sent. Not thread-safe: one instance per connection.
 */
public final class PickleFrames {
    /** Carbon's default limit on a frame's length. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 1 << 20;

    private static final byte[] EMPTY = new byte[0];

    private final int maxFrameLength;
    private final byte[] header = new byte[4];
    private int headerLength;
    private byte[] body = EMPTY;
    private int bodyLength;
    private int frameLength = -1;

    public PickleFrames(int maxFrameLength) {
        if (maxFrameLength < 1) {
            throw new IllegalArgumentException("maxFrameLength must be positive, got " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
    }

    /**
     * Decodes {@code bytes[offset, offset + length)}, the next bytes received, unpickling each complete
     * frame with {@code unpickler} into {@code handler}.
     *
     * @return false when the connection must be closed (a frame over the limit; the handler was told)
     */
    public boolean decode(
            byte[] bytes, int offset, int length, RestrictedUnpickler unpickler, GraphiteHandler handler) {
        int position = offset;
        int end = offset + length;
        while (position < end) {
            if (frameLength < 0) {
                if (headerLength == 0 && end - position >= 4) {
                    frameLength = readLength(bytes, position);
                    position += 4;
                } else {
                    header[headerLength++] = bytes[position++];
                    if (headerLength < 4) {
                        continue;
                    }
                    frameLength = readLength(header, 0);
                    headerLength = 0;
                }
                if (frameLength < 0 || frameLength > maxFrameLength) {
                    byte[] message = ("frame length " + Integer.toUnsignedString(frameLength) + " is over the limit of "
                                    + maxFrameLength)
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    handler.rejected(Rejection.FRAME_TOO_LONG, message, 0, message.length);
                    frameLength = -1;
                    return false;
                }
            }
            if (bodyLength == 0 && end - position >= frameLength) {
                unpickler.unpickle(bytes, position, frameLength, handler);
                position += frameLength;
                frameLength = -1;
                continue;
            }
            int take = Math.min(end - position, frameLength - bodyLength);
            if (bodyLength + take > body.length) {
                body = Arrays.copyOf(body, Math.min(frameLength, Math.max(4096, 2 * (bodyLength + take))));
            }
            System.arraycopy(bytes, position, body, bodyLength, take);
            bodyLength += take;
            position += take;
            if (bodyLength == frameLength) {
                unpickler.unpickle(body, 0, bodyLength, handler);
                bodyLength = 0;
                frameLength = -1;
                if (body.length > 64 * 1024) {
                    body = EMPTY; // large buffers are not kept for an idle connection
                }
            }
        }
        return true;
    }

    private static int readLength(byte[] bytes, int position) {
        return ((bytes[position] & 0xff) << 24)
                | ((bytes[position + 1] & 0xff) << 16)
                | ((bytes[position + 2] & 0xff) << 8)
                | (bytes[position + 3] & 0xff);
    }
}
