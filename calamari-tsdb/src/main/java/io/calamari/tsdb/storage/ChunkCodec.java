package io.calamari.tsdb.storage;

/**
 * Encodes a run of points compactly before the general-purpose compressor sees them.
 *
 * <p>Timestamps: the first, then run-length pairs (delta, repeat count), so a regular step costs a
 * few bytes per chunk. Values: when all of them are decimals with at most 15 digits after the point
 * (Ceph's counters, Diamond's rounded gauges), as integer mantissas with one shared exponent,
 * stored as deltas or deltas of deltas, whichever is smaller, in zigzag varints; otherwise as the
 * XOR of consecutive IEEE bits. Stateless.
 */
public final class ChunkCodec {
    private static final int DECIMAL_DELTA = 0;
    private static final int DECIMAL_DELTA_OF_DELTA = 1;
    private static final int RAW_XOR = 2;
    private static final long MAX_EXACT = 1L << 53;
    private static final double[] POWERS_OF_TEN = new double[16];

    static {
        double power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private ChunkCodec() {}

    /** Appends the encoding of sorted, unique points to {@code out}. */
    public static void encode(Points points, ByteWriter out) {
        int size = points.size();
        out.writeVarLong(size);
        if (size == 0) {
            return;
        }
        long[] timestamps = points.timestampArray();
        out.writeSignedVarLong(timestamps[0]);
        int i = 1;
        while (i < size) {
            long delta = timestamps[i] - timestamps[i - 1];
            int run = 1;
            while (i + run < size && timestamps[i + run] - timestamps[i + run - 1] == delta) {
                run++;
            }
            out.writeVarLong(delta);
            out.writeVarLong(run);
            i += run;
        }
        encodeValues(points.valueArray(), size, out);
    }

    private static void encodeValues(double[] values, int size, ByteWriter out) {
        int exponent = commonExponent(values, size);
        if (exponent < 0) {
            out.writeByte(RAW_XOR);
            long previous = 0;
            for (int i = 0; i < size; i++) {
                long bits = Double.doubleToRawLongBits(values[i]);
                out.writeLong(bits ^ previous);
                previous = bits;
            }
            return;
        }
        long[] mantissas = new long[size];
        long deltaCost = 0;
        long deltaOfDeltaCost = 0;
        for (int i = 0; i < size; i++) {
            mantissas[i] = Math.round(values[i] * POWERS_OF_TEN[exponent]);
            if (i > 0) {
                long delta = mantissas[i] - mantissas[i - 1];
                deltaCost += varintSize(delta);
                deltaOfDeltaCost += varintSize(i > 1 ? delta - (mantissas[i - 1] - mantissas[i - 2]) : delta);
            }
        }
        boolean deltaOfDelta = deltaOfDeltaCost < deltaCost;
        out.writeByte(deltaOfDelta ? DECIMAL_DELTA_OF_DELTA : DECIMAL_DELTA);
        out.writeByte(exponent);
        out.writeSignedVarLong(mantissas[0]);
        long previousDelta = 0;
        for (int i = 1; i < size; i++) {
            long delta = mantissas[i] - mantissas[i - 1];
            out.writeSignedVarLong(deltaOfDelta ? delta - previousDelta : delta);
            previousDelta = delta;
        }
    }

    /** The fewest decimal digits that represent every value exactly, or -1 when some need more. */
    static int commonExponent(double[] values, int size) {
        int exponent = 0;
        for (int i = 0; i < size; i++) {
            double value = values[i];
            while (!exactAt(value, exponent)) {
                exponent++;
                if (exponent >= POWERS_OF_TEN.length) {
                    return -1;
                }
            }
        }
        // A value exact at a smaller exponent can still overflow at the shared one.
        for (int i = 0; i < size; i++) {
            if (!exactAt(values[i], exponent)) {
                return -1;
            }
        }
        return exponent;
    }

    private static boolean exactAt(double value, int exponent) {
        double scaled = value * POWERS_OF_TEN[exponent];
        if (!(Math.abs(scaled) < MAX_EXACT)) {
            return false;
        }
        long mantissa = Math.round(scaled);
        return Double.doubleToRawLongBits(mantissa / POWERS_OF_TEN[exponent]) == Double.doubleToRawLongBits(value);
    }

    private static int varintSize(long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        return zigzag == 0 ? 1 : (64 - Long.numberOfLeadingZeros(zigzag) + 6) / 7;
    }

    /** Decodes one encoding written by {@link #encode}. */
    public static Points decode(ByteReader in) {
        int size = in.readVarInt();
        if (size > 100_000_000) {
            throw new CorruptDataException("chunk claims " + size + " points");
        }
        long[] timestamps = new long[Math.max(1, size)];
        double[] values = new double[Math.max(1, size)];
        if (size == 0) {
            return new Points(timestamps, values, 0);
        }
        timestamps[0] = in.readSignedVarLong();
        int i = 1;
        while (i < size) {
            long delta = in.readVarLong();
            long run = in.readVarLong();
            if (run <= 0 || i + run > size) {
                throw new CorruptDataException("timestamp run out of range");
            }
            for (long r = 0; r < run; r++, i++) {
                timestamps[i] = timestamps[i - 1] + delta;
            }
        }
        int mode = in.readByte();
        if (mode == RAW_XOR) {
            long previous = 0;
            for (int k = 0; k < size; k++) {
                previous ^= in.readLong();
                values[k] = Double.longBitsToDouble(previous);
            }
        } else if (mode == DECIMAL_DELTA || mode == DECIMAL_DELTA_OF_DELTA) {
            int exponent = in.readByte();
            if (exponent >= POWERS_OF_TEN.length) {
                throw new CorruptDataException("exponent " + exponent);
            }
            long mantissa = in.readSignedVarLong();
            values[0] = mantissa / POWERS_OF_TEN[exponent];
            long delta = 0;
            for (int k = 1; k < size; k++) {
                long read = in.readSignedVarLong();
                delta = mode == DECIMAL_DELTA ? read : delta + read;
                mantissa += delta;
                values[k] = mantissa / POWERS_OF_TEN[exponent];
            }
        } else {
            throw new CorruptDataException("unknown value encoding " + mode);
        }
        return new Points(timestamps, values, size);
    }
}
