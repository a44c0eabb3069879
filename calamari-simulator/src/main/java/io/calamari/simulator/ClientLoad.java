package io.calamari.simulator;

/**
 * The client IO a simulated cluster's pools see: for each pool a share of the cluster's load
 * (about {@value #READ_OPS_PER_OSD} reads and {@value #WRITE_OPS_PER_OSD} writes per second per
 * OSD, of {@value #READ_OP_KIB} KiB and {@value #WRITE_OP_KIB} KiB: a few MB/s per OSD), swelling
 * and ebbing along a slow sine of five to fifteen minutes with smooth seeded noise on top. A pure
 * function of the seed, the pool and the second, so the same clock readings give the same IO.
 * Stateless.
 */
final class ClientLoad {
    static final int READ_OPS_PER_OSD = 30;
    static final int WRITE_OPS_PER_OSD = 20;
    static final int READ_OP_KIB = 96;
    static final int WRITE_OP_KIB = 128;
    private static final int NOISE_KNOT_SECONDS = 15;

    /** Client IO per second. */
    record Rates(long readOps, long readBytes, long writeOps, long writeBytes) {
        static final Rates NONE = new Rates(0, 0, 0, 0);
    }

    private ClientLoad() {}

    /** How much of the cluster's load pool {@code poolId} takes, relative to the other pools (0.5 to 1.5). */
    static double weight(long seed, int poolId) {
        return 0.5 + Hashing.below(seed, 0x10AD, poolId, 1000) / 1000.0;
    }

    /**
     * The pool's IO at {@code second}: {@code share} of the load of {@code osds} OSDs; no writes
     * when the pool is full (Ceph blocks them), plus the runaway writer of {@code fill-pool}.
     */
    static Rates of(long seed, SimulatedPool pool, double share, int osds, long second) {
        double reads = READ_OPS_PER_OSD * osds * share * swell(seed, pool.id(), 0, second);
        double writes = WRITE_OPS_PER_OSD * osds * share * swell(seed, pool.id(), 1, second);
        long readOps = Math.round(reads);
        long writeOps = pool.full() ? 0 : Math.round(writes);
        long writeBytes = writeOps * WRITE_OP_KIB * 1024L;
        long fill = pool.full() ? 0 : pool.fillBytesPerSecond();
        if (fill > 0) {
            writeOps += fill / (4L << 20);
            writeBytes += fill;
        }
        return new Rates(readOps, readOps * READ_OP_KIB * 1024L, writeOps, writeBytes);
    }

    /** 1 on average: a slow sine (period 5 to 15 minutes) and smooth noise, never below 0.05. */
    static double swell(long seed, int poolId, int kind, long second) {
        long key = Hashing.mix(seed, poolId * 2L + kind, 0x5EED);
        int period = 300 + (int) Long.remainderUnsigned(key, 600);
        double phase = Long.remainderUnsigned(key >>> 20, 1000) / 1000.0 * 2 * Math.PI;
        double sine = Math.sin(2 * Math.PI * Math.floorMod(second, period) / period + phase);
        return Math.max(0.05, 1 + 0.35 * sine + 0.25 * noise(key, second));
    }

    /** Value noise in [-1, 1]: seeded values every few seconds, joined by cosine interpolation. */
    private static double noise(long key, long second) {
        long knot = Math.floorDiv(second, NOISE_KNOT_SECONDS);
        double fraction = (double) Math.floorMod(second, NOISE_KNOT_SECONDS) / NOISE_KNOT_SECONDS;
        double from = knotValue(key, knot);
        double to = knotValue(key, knot + 1);
        double blend = (1 - Math.cos(Math.PI * fraction)) / 2;
        return from + (to - from) * blend;
    }

    private static double knotValue(long key, long knot) {
        return Hashing.below(key, knot, 0x4015E, 2001) / 1000.0 - 1;
    }
}
