package io.calamari.tsdb.storage;

/** Reads what {@link ByteWriter} wrote; throws {@link CorruptDataException} past the end. Not thread-safe. */
public final class ByteReader {
    private final byte[] bytes;
    private int position;
    private final int limit;

    public ByteReader(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.limit = offset + length;
    }

    public ByteReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public int readByte() {
        if (position >= limit) {
            throw new CorruptDataException("read past the end of a record");
        }
        return bytes[position++] & 0xFF;
    }

    public long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new CorruptDataException("varint longer than 10 bytes");
    }

    public long readSignedVarLong() {
        long raw = readVarLong();
        return (raw >>> 1) ^ -(raw & 1);
    }

    public int readVarInt() {
        long value = readVarLong();
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new CorruptDataException("int out of range: " + value);
        }
        return (int) value;
    }

    public long readLong() {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | readByte();
        }
        return value;
    }

    public int readInt() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | readByte();
        }
        return value;
    }

    public boolean hasMore() {
        return position < limit;
    }

    public int position() {
        return position;
    }
}
