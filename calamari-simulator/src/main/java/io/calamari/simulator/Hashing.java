package io.calamari.simulator;

import java.util.UUID;

/**
 * The deterministic numbers a simulated cluster is made of: a 64-bit mix of the seed and a few
 * integers (SplitMix64's finaliser), so the same seed gives the same fsid, uuids, nonces and
 * placements at any size without keeping a random generator's state. Stateless.
 */
final class Hashing {
    private Hashing() {}

    static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long mix(long seed, long first, long second) {
        return mix(mix(mix(seed) ^ first) ^ second);
    }

    /** A non-negative number below {@code bound} derived from the three values. */
    static int below(long seed, long first, long second, int bound) {
        return (int) Long.remainderUnsigned(mix(seed, first, second), bound);
    }

    /** A random-looking (version 4) UUID derived from the three values. */
    static String uuid(long seed, long first, long second) {
        long most = mix(seed, first, second);
        long least = mix(most, second, first);
        most = (most & ~0xF000L) | 0x4000L;
        least = (least & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
