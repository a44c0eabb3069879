package io.calamari.simulator;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The state of one simulated Ceph cluster, built deterministically from a {@link SimulatorSpec}:
 * hosts (and racks), OSDs with their reweights and up flags, the OSD map flags, pools, and every
 * PG's OSDs and state in flat primitive arrays ({@code size} ints and one byte per PG, so a million
 * PGs cost about 13 MB and no object each), map epochs and a short cluster log. The management
 * commands ({@link OsdCommands}, {@link PoolCommands}, {@link CrushCommands}) change it; a change to the pools' layout
 * (a pool created or deleted, its size or {@code pg_num} changed) lays every PG out again, which
 * keeps each existing PG on its OSDs because placement hashes the pool and the PG.
 *
 * <p>Thread-safety: all mutable state is guarded by {@link #lock()}; the answer writers and every
 * change hold it, and every change bumps the epoch of the map it touches, as Ceph does. Readers of
 * the immutable layout (spec, fsid, names, addresses) need no lock.
 */
public final class SimulatedCluster {
    /** Where a simulated cluster's history starts; the clock of a built cluster reads one hour later. */
    static final Instant ORIGIN = Instant.parse("2026-01-05T08:00:00Z");

    static final long OSD_BYTES = 4L << 40;
    static final int FULL_WEIGHT = 0x10000;
    private static final String[] POOL_NAMES = {"rbd", "volumes", "images", "backups", "default.rgw.buckets.data"};
    private static final long OBJECT_BYTES = 4L << 20;

    private final Object lock = new Object();
    private final SimulatorSpec spec;
    private final Clock clock;
    private final String fsid;
    private final int replicas;
    private final boolean[] osdUp;
    /** Each OSD's reweight in 16.16 fixed point, as the OSD map keeps it: 0 is out, 0x10000 fully in. */
    private final int[] osdWeight;

    private final int[] osdDownAt;
    private int[] placement;
    private byte[] placementGroupStates;
    private final long[] osdUsedBytes;
    private final List<SimulatedPool> pools;
    private final ClusterLog log;
    private int osdMapEpoch;
    private int poolMax;
    private int flags = OsdMapFlags.NEW_CLUSTER;
    private boolean allowPoolDelete = true;
    private final SimulatedCrushMap crush;

    private SimulatedCluster(SimulatorSpec spec, Clock clock) {
        this.spec = requireNonNull(spec, "spec");
        this.clock = requireNonNull(clock, "clock");
        this.fsid = Hashing.uuid(spec.seed(), 0xF5, 0);
        this.replicas = spec.replicas();
        int osds = spec.osds();
        this.osdUp = new boolean[osds];
        this.osdWeight = new int[osds];
        this.osdDownAt = new int[osds];
        Arrays.fill(osdUp, true);
        Arrays.fill(osdWeight, FULL_WEIGHT);
        this.crush = new SimulatedCrushMap(spec);
        int bootEpoch = 2 + osds;
        this.pools = new ArrayList<>(createPools(spec, bootEpoch));
        this.poolMax = spec.pools();
        this.osdMapEpoch = bootEpoch + spec.pools() + 1;
        this.placement = Placement.place(spec, pools);
        this.placementGroupStates = new byte[spec.placementGroups()];
        this.osdUsedBytes = new long[osds];
        computeUsage();
        this.log = ClusterLog.boot(this);
    }

    /** A cluster built from {@code spec} whose clock stands still one hour after its creation. */
    public static SimulatedCluster build(SimulatorSpec spec) {
        return new SimulatedCluster(spec, Clock.fixed(ORIGIN.plus(Duration.ofHours(1)), ZoneOffset.UTC));
    }

    /** A cluster built from {@code spec} whose clock (for ages and log stamps) is {@code clock}. */
    public static SimulatedCluster build(SimulatorSpec spec, Clock clock) {
        return new SimulatedCluster(spec, clock);
    }

    private static List<SimulatedPool> createPools(SimulatorSpec spec, int firstEpoch) {
        List<SimulatedPool> created = new ArrayList<>();
        int dataPools = spec.pools() - 1;
        int remaining = spec.placementGroups() - (dataPools == 0 ? 0 : 1);
        int size = spec.replicas();
        int minSize = Math.max(1, size - 1);
        long rawBytes = spec.osds() * OSD_BYTES;
        for (int index = 0; index < spec.pools(); index++) {
            int id = index + 1;
            int epoch = firstEpoch + index;
            if (index == 0) {
                int pgNum = dataPools == 0 ? spec.placementGroups() : 1;
                SimulatedPool pool = new SimulatedPool(
                        id,
                        "device_health_metrics",
                        SimulatedPool.REPLICATED,
                        "",
                        pgNum,
                        size,
                        minSize,
                        createTime(id),
                        epoch,
                        0,
                        0);
                pool.applications().add("mgr_devicehealth");
                created.add(pool);
                continue;
            }
            int pgNum = remaining / dataPools + (index <= remaining % dataPools ? 1 : 0);
            String name = index <= POOL_NAMES.length ? POOL_NAMES[index - 1] : "pool" + id;
            String application = name.startsWith("default.rgw") ? "rgw" : "rbd";
            // Between 5 % and 45 % of the raw space, shared out over the data pools.
            double fill = 0.05 + 0.40 * Hashing.below(spec.seed(), 0xF111, id, 1000) / 1000.0;
            long stored = (long) (rawBytes * fill / size / dataPools);
            long objects = stored / OBJECT_BYTES;
            SimulatedPool pool = new SimulatedPool(
                    id,
                    name,
                    SimulatedPool.REPLICATED,
                    "",
                    pgNum,
                    size,
                    minSize,
                    createTime(id),
                    epoch,
                    objects * OBJECT_BYTES,
                    objects);
            pool.applications().add(application);
            created.add(pool);
        }
        return created;
    }

    private static Instant createTime(int poolId) {
        return ORIGIN.plus(Duration.ofSeconds(5L + poolId));
    }

    private void computeUsage() {
        Arrays.fill(osdUsedBytes, 0);
        for (SimulatedPool pool : pools) {
            long perPlacementGroup = pool.storedBytes() / pool.pgNum();
            int copies = pool.pgNum() * pool.copies();
            for (int copy = pool.firstCopy(); copy < pool.firstCopy() + copies; copy++) {
                osdUsedBytes[placement[copy]] += perPlacementGroup;
            }
        }
        for (int osd = 0; osd < osdUsedBytes.length; osd++) {
            // BlueStore's own metadata and the DB: about 1 GiB per OSD.
            osdUsedBytes[osd] += (1L << 30) + Hashing.below(spec.seed(), 0xDB, osd, 1 << 26);
        }
    }

    /** Marks an OSD up or down, bumps the OSD map epoch and recomputes the PG states. */
    void setOsdUp(int osd, boolean up) {
        synchronized (lock) {
            if (osdUp[osd] != up) {
                osdUp[osd] = up;
                osdDownAt[osd] = up ? osdDownAt[osd] : osdMapEpoch + 1;
                osdMapEpoch++;
                updatePlacementGroupStates();
            }
        }
    }

    /** Marks an OSD down in the next map; the caller bumps the epoch and refreshes the PG states. */
    void markOsdDown(int osd) {
        osdUp[osd] = false;
        osdDownAt[osd] = osdMapEpoch + 1;
    }

    void refreshPlacementGroupStates() {
        updatePlacementGroupStates();
    }

    /** Sets an OSD's reweight (16.16 fixed point, 0 for out); the caller bumps the epoch. */
    void setOsdWeight(int osd, int weight) {
        osdWeight[osd] = weight;
    }

    /** The next OSD map: bumps its epoch, as the monitors do once per accepted change, and returns it. */
    int nextOsdMapEpoch() {
        return ++osdMapEpoch;
    }

    void setFlags(int newFlags) {
        flags = newFlags;
    }

    int flags() {
        return flags;
    }

    boolean allowPoolDelete() {
        return allowPoolDelete;
    }

    /** Sets {@code mon_allow_pool_delete}; the simulator starts with it true, as a lab cluster is set up. */
    void setAllowPoolDelete(boolean allow) {
        allowPoolDelete = allow;
    }

    /** Adds a pool with the next id (the caller has bumped the epoch) and lays the PGs out again. */
    SimulatedPool addPool(String name, int type, String profile, int pgNum, int size, int minSize) {
        SimulatedPool pool = new SimulatedPool(
                ++poolMax, name, type, profile, pgNum, size, minSize, clock.instant(), osdMapEpoch, 0, 0);
        pools.add(pool);
        layOut();
        return pool;
    }

    void removePool(SimulatedPool pool) {
        pools.remove(pool);
        layOut();
    }

    Optional<SimulatedPool> pool(String name) {
        return pools.stream().filter(pool -> pool.name().equals(name)).findFirst();
    }

    /** Places every pool's PGs again (after a change of their number or size) and recomputes states and usage. */
    void layOut() {
        placement = Placement.place(spec, pools);
        int count = 0;
        for (SimulatedPool pool : pools) {
            count += pool.pgNum();
        }
        placementGroupStates = new byte[count];
        updatePlacementGroupStates();
        computeUsage();
    }

    private void updatePlacementGroupStates() {
        for (SimulatedPool pool : pools) {
            for (int index = 0; index < pool.pgNum(); index++) {
                int upCopies = 0;
                for (int copy = 0; copy < pool.copies(); copy++) {
                    if (osdUp[placementGroupOsd(pool, index, copy)]) {
                        upCopies++;
                    }
                }
                placementGroupStates[pool.firstPlacementGroup() + index] =
                        (byte) PlacementGroupState.of(upCopies, pool.size(), pool.minSize())
                                .ordinal();
            }
        }
    }

    /** The lock guarding the mutable state; hold it while reading more than one field. */
    Object lock() {
        return lock;
    }

    public SimulatorSpec spec() {
        return spec;
    }

    public String fsid() {
        return fsid;
    }

    Clock clock() {
        return clock;
    }

    Instant created() {
        return ORIGIN;
    }

    int replicas() {
        return replicas;
    }

    int osdCount() {
        return osdUp.length;
    }

    int hostOf(int osd) {
        return osd / spec.osdsPerHost();
    }

    static String hostName(int host) {
        return "node" + host;
    }

    static String rackName(int rack) {
        return "rack" + rack;
    }

    /** The host's address: 10.0.0.0/8 counted up from 10.0.0.1. */
    static String hostAddress(int host) {
        int number = host + 1;
        return "10." + (number >> 16 & 0xFF) + "." + (number >> 8 & 0xFF) + "." + (number & 0xFF);
    }

    /** An OSD's first port: 8 per OSD from 6800 (public v2/v1, cluster, heartbeat front, back). */
    int osdBasePort(int osd) {
        return 6800 + 8 * (osd % spec.osdsPerHost());
    }

    long osdNonce(int osd) {
        return 1000 + Hashing.below(spec.seed(), 0x0D, osd, 1 << 20);
    }

    String osdUuid(int osd) {
        return Hashing.uuid(spec.seed(), 0x05D, osd);
    }

    static String monName(int rank) {
        return String.valueOf((char) ('a' + rank));
    }

    /** Mon {@code rank} runs on host {@code rank} (or spread over the hosts when there are fewer). */
    int monHost(int rank) {
        return rank * Math.max(1, spec.hosts() / spec.mons()) % spec.hosts();
    }

    /** The CRUSH weight of every OSD in 16.16 fixed point: its size in TiB. */
    static int crushWeight() {
        return (int) (OSD_BYTES * 0x10000L / (1L << 40));
    }

    boolean osdUp(int osd) {
        return osdUp[osd];
    }

    boolean osdIn(int osd) {
        return osdWeight[osd] > 0;
    }

    /** The OSD's reweight, 0 (out) to 1, as {@code osd dump} prints it. */
    double osdReweight(int osd) {
        return osdWeight[osd] / (double) FULL_WEIGHT;
    }

    /** The epoch the OSD was last marked down in, or 0. */
    int osdDownAt(int osd) {
        return osdDownAt[osd];
    }

    int poolMax() {
        return poolMax;
    }

    long osdUsedBytes(int osd) {
        return osdUsedBytes[osd];
    }

    List<SimulatedPool> pools() {
        return pools;
    }

    /** The OSD holding copy {@code copy} (0 is the primary) of PG {@code index} of {@code pool}. */
    int placementGroupOsd(SimulatedPool pool, int index, int copy) {
        return placement[pool.firstCopy() + index * pool.copies() + copy];
    }

    PlacementGroupState placementGroupState(int pg) {
        return PlacementGroupState.values()[placementGroupStates[pg]];
    }

    int placementGroupCount() {
        return placementGroupStates.length;
    }

    int osdMapEpoch() {
        return osdMapEpoch;
    }

    int crushVersion() {
        return crush.version();
    }

    SimulatedCrushMap crush() {
        return crush;
    }

    int monMapEpoch() {
        return 1;
    }

    int electionEpoch() {
        return 2 + spec.mons();
    }

    int fsMapEpoch() {
        return 1;
    }

    ClusterLog log() {
        return log;
    }
}
