package io.calamari.server.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Series name (as received bytes) → series id, so that a known name costs a hash and a byte
 * comparison, no String. Open addressing with linear probing; negative ids cache refusals (invalid
 * names) as well. Bounded: when {@code maxEntries} is reached the table is emptied and refills
 * from the store. Not thread-safe: one per reading thread.
 */
final class SeriesIdCache {
    /** Returned by {@link #get} for a name not in the cache. */
    static final int MISSING = Integer.MIN_VALUE;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int maxEntries;
    private byte[][] keys;
    private int[] hashes;
    private int[] ids;
    private int size;

    SeriesIdCache(int maxEntries) {
        this.maxEntries = maxEntries;
        allocate(1024);
    }

    int get(byte[] name, int offset, int length, int hash) {
        int mask = keys.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            byte[] key = keys[slot];
            if (key == null) {
                return MISSING;
            }
            if (hashes[slot] == hash && Arrays.equals(key, 0, key.length, name, offset, offset + length)) {
                return ids[slot];
            }
        }
    }

    /** Remembers an id (or a negative refusal) for a name known to be missing. */
    void put(byte[] name, int offset, int length, int hash, int id) {
        if (size >= maxEntries) {
            allocate(1024);
        } else if (2 * (size + 1) > keys.length) {
            grow();
        }
        insert(Arrays.copyOfRange(name, offset, offset + length), hash, id);
    }

    int size() {
        return size;
    }

    /** A hash of the bytes, eight at a time. */
    static int hash(byte[] name, int offset, int length) {
        long hash = 0x9E3779B97F4A7C15L ^ length;
        int position = offset;
        int end = offset + length;
        for (; position + 8 <= end; position += 8) {
            hash = Long.rotateLeft(hash ^ (long) LONGS.get(name, position), 29) * 0xBF58476D1CE4E5B9L;
        }
        for (; position < end; position++) {
            hash = (hash ^ name[position]) * 0x94D049BB133111EBL;
        }
        hash ^= hash >>> 31;
        hash *= 0xD6E8FEB86659FD93L;
        return (int) (hash ^ (hash >>> 32));
    }

    private void insert(byte[] key, int hash, int id) {
        int mask = keys.length - 1;
        int slot = hash & mask;
        while (keys[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        hashes[slot] = hash;
        ids[slot] = id;
        size++;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        int[] oldHashes = hashes;
        int[] oldIds = ids;
        allocate(keys.length * 2);
        for (int slot = 0; slot < oldKeys.length; slot++) {
            byte[] key = oldKeys[slot];
            if (key != null) {
                insert(key, oldHashes[slot], oldIds[slot]);
            }
        }
    }

    private void allocate(int capacity) {
        keys = new byte[capacity][];
        hashes = new int[capacity];
        ids = new int[capacity];
        size = 0;
    }
}
