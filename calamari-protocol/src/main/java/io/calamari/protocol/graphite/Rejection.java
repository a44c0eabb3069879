package io.calamari.protocol.graphite;

import java.util.Locale;

/** Why a decoder skipped a line, element or frame, or closed the connection. */
public enum Rejection {
    /** A plaintext line without exactly three fields (an empty line too, as in carbon). */
    FIELDS,
    /** A value or timestamp that Python's {@code float()} refuses (or, in a pickle, that is not a number or string). */
    NUMBER,
    /** A plaintext line (or unterminated rest) over 16,384 bytes: the connection is closed. */
    TOO_LONG,
    /** A pickle frame that cannot be unpickled, or uses a forbidden opcode: the frame is dropped. */
    FRAME,
    /** A pickle frame whose length prefix exceeds the limit: the connection is closed. */
    FRAME_TOO_LONG,
    /** A pickle list element that is not {@code (path, (timestamp, value))}. */
    ELEMENT;

    /** The lower-case name used as a metric tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
