package io.calamari.simulator;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state of one simulated Ceph cluster, built deterministically from a {@link SimulatorSpec}:
 * hosts (and racks), OSDs with their weights and up/in flags, pools, and every PG's OSDs and state
 * in flat primitive arrays ({@code replicas} ints and one byte per PG, so a million PGs cost about
 * 13 MB and no object each), map epochs and a short cluster log.
 *
 * <p>Thread-safety: all mutable state is guarded by {@link #lock()}; the answer writers and every
 * change hold it, and every change bumps the epoch of the map it touches, as Ceph does. Readers of
 * the immutable layout (spec, fsid, names, addresses) need no lock.
 */
public final class SimulatedCluster {
    /** Where a simulated cluster's history starts; the clock of a built cluster reads one hour later. */
    static final Instant ORIGIN = Instant.parse("2026-01-05T08:00:00Z");

    static final long OSD_BYTES = 4L << 40;
    private static final String[] POOL_NAMES = {"rbd", "volumes", "images", "backups", "default.rgw.buckets.data"};
    private static final long OBJECT_BYTES = 4L << 20;

    private final Object lock = new Object();
    private final SimulatorSpec spec;
    private final Clock clock;
    private final String fsid;
    private final int replicas;
    private final boolean[] osdUp;
    private final boolean[] osdIn;
    private final int[] placement;
    private final byte[] placementGroupStates;
    private final long[] osdUsedBytes;
    private final List<SimulatedPool> pools;
    private final ClusterLog log;
    private int osdMapEpoch;
    private final int crushVersion;

    private SimulatedCluster(SimulatorSpec spec, Clock clock) {
        this.spec = requireNonNull(spec, "spec");
        this.clock = requireNonNull(clock, "clock");
        this.fsid = Hashing.uuid(spec.seed(), 0xF5, 0);
        this.replicas = spec.replicas();
        int osds = spec.osds();
        this.osdUp = new boolean[osds];
        this.osdIn = new boolean[osds];
        Arrays.fill(osdUp, true);
        Arrays.fill(osdIn, true);
        this.crushVersion = 1 + spec.racks() + spec.hosts() + osds;
        int bootEpoch = 2 + osds;
        this.pools = createPools(spec, bootEpoch);
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
        int first = 0;
        for (int index = 0; index < spec.pools(); index++) {
            int id = index + 1;
            int epoch = firstEpoch + index;
            if (index == 0) {
                int pgNum = dataPools == 0 ? spec.placementGroups() : 1;
                created.add(new SimulatedPool(
                        id, "device_health_metrics", pgNum, size, minSize, "mgr_devicehealth", epoch, 0, 0, 0));
                first = pgNum;
                continue;
            }
            int pgNum = remaining / dataPools + (index <= remaining % dataPools ? 1 : 0);
            String name = index <= POOL_NAMES.length ? POOL_NAMES[index - 1] : "pool" + id;
            String application = name.startsWith("default.rgw") ? "rgw" : "rbd";
            // Between 5 % and 45 % of the raw space, shared out over the data pools.
            double fill = 0.05 + 0.40 * Hashing.below(spec.seed(), 0xF111, id, 1000) / 1000.0;
            long stored = (long) (rawBytes * fill / size / dataPools);
            long objects = stored / OBJECT_BYTES;
            created.add(new SimulatedPool(
                    id, name, pgNum, size, minSize, application, epoch, first, objects * OBJECT_BYTES, objects));
            first += pgNum;
        }
        return List.copyOf(created);
    }

    private void computeUsage() {
        Arrays.fill(osdUsedBytes, 0);
        for (SimulatedPool pool : pools) {
            long perPlacementGroup = pool.storedBytes() / pool.pgNum();
            for (int pg = pool.firstPlacementGroup(); pg < pool.firstPlacementGroup() + pool.pgNum(); pg++) {
                for (int copy = 0; copy < replicas; copy++) {
                    osdUsedBytes[placement[pg * replicas + copy]] += perPlacementGroup;
                }
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
                osdMapEpoch++;
                updatePlacementGroupStates();
            }
        }
    }

    private void updatePlacementGroupStates() {
        for (int pg = 0; pg < placementGroupStates.length; pg++) {
            int upCopies = 0;
            for (int copy = 0; copy < replicas; copy++) {
                if (osdUp[placement[pg * replicas + copy]]) {
                    upCopies++;
                }
            }
            placementGroupStates[pg] =
                    (byte) PlacementGroupState.of(upCopies, replicas, minSize()).ordinal();
        }
    }

    private int minSize() {
        return pools.get(0).minSize();
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
        return osdIn[osd];
    }

    long osdUsedBytes(int osd) {
        return osdUsedBytes[osd];
    }

    List<SimulatedPool> pools() {
        return pools;
    }

    int placementGroupOsd(int pg, int copy) {
        return placement[pg * replicas + copy];
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
        return crushVersion;
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
