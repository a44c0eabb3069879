package io.calamari.server.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Series name (as received bytes) → series id, so that a known name costs a hash and a byte
 * comparison, no String. The names and ids live one after another in a byte arena in the order they
 * were first seen, which is the order senders repeat every interval, so lookups walk the arena
 * almost sequentially; an open-addressing table (linear probing, one {@code long} per slot: hash and
 * arena offset) finds them. Negative ids cache refusals (invalid names) as well. Bounded: when
 * {@code maxEntries} names (or 256 MiB of them) are cached the cache empties and refills from the
 * store. Not thread-safe: one per reading thread.
 */
final class SeriesIdCache {
    /** Returned by {@link #get} for a name not in the cache. */
    static final int MISSING = Integer.MIN_VALUE;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int HEADER = 8; // id, then length, before the name's bytes
    private static final int MAX_ARENA = 256 << 20;

    private final int maxEntries;
    /** Per slot: the hash in the high half (never 0), the arena offset + 1 in the low half; 0 = empty. */
    private long[] slots;

    private byte[] arena;
    private int arenaLength;
    private int size;

    SeriesIdCache(int maxEntries) {
        this.maxEntries = maxEntries;
        reset();
    }

    int get(byte[] name, int offset, int length, int hash) {
        int mask = slots.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            long entry = slots[slot];
            if (entry == 0) {
                return MISSING;
            }
            if ((int) (entry >>> 32) == hash) {
                int at = (int) entry - 1;
                int keyLength = (int) INTS.get(arena, at + 4);
                int keyStart = at + HEADER;
                if (Arrays.equals(arena, keyStart, keyStart + keyLength, name, offset, offset + length)) {
                    return (int) INTS.get(arena, at);
                }
            }
        }
    }

    /** Remembers an id (or a negative refusal) for a name known to be missing. */
    void put(byte[] name, int offset, int length, int hash, int id) {
        if (size >= maxEntries || arenaLength + HEADER + length > MAX_ARENA) {
            reset();
        } else if (2 * (size + 1) > slots.length) {
            growSlots();
        }
        if (arenaLength + HEADER + length > arena.length) {
            arena = Arrays.copyOf(
                    arena, Math.min(MAX_ARENA, Math.max(2 * arena.length, arenaLength + HEADER + length)));
        }
        int at = arenaLength;
        INTS.set(arena, at, id);
        INTS.set(arena, at + 4, length);
        System.arraycopy(name, offset, arena, at + HEADER, length);
        arenaLength += HEADER + length;
        insert(hash, at);
        size++;
    }

    int size() {
        return size;
    }

    /** A hash of the bytes, eight at a time; never 0, which marks an empty slot. */
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
        int folded = (int) (hash ^ (hash >>> 32));
        return folded == 0 ? 1 : folded;
    }

    private void insert(int hash, int at) {
        int mask = slots.length - 1;
        int slot = hash & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = ((long) hash << 32) | (at + 1L);
    }

    private void growSlots() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (long entry : old) {
            if (entry != 0) {
                insert((int) (entry >>> 32), (int) entry - 1);
            }
        }
    }

    private void reset() {
        slots = new long[1024];
        arena = new byte[64 * 1024];
        arenaLength = 0;
        size = 0;
    }
}
