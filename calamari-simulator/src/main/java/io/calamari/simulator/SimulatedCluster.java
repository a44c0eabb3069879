package io.calamari.simulator;

import static java.util.Objects.requireNonNull;

import io.calamari.simulator.PlacementGroupState.Phase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The state of one simulated Ceph cluster, built deterministically from a {@link SimulatorSpec}:
 * hosts (and racks), OSDs with their reweights and up flags, the OSD map flags, pools, the
 * monitors' quorum, and every PG's OSDs (up and acting, {@code size} ints each), phase and state
 * (a byte each) in flat primitive arrays, so a million PGs cost about 26 MB and no object each;
 * map epochs and a short cluster log. The management commands ({@link OsdCommands},
 * {@link PoolCommands}, {@link CrushCommands}) and the {@link Scenarios} change it; a change to
 * the pools' layout (a pool created or deleted, its size or {@code pg_num} changed) lays every PG
 * out again, which keeps each existing PG on its OSDs because placement hashes the pool and the
 * PG. On a moving clock it lives ({@link Life}): before each command it runs on to the clock's
 * time, so IO, growth, scrubs, recovery and backfill move with it.
 *
 * <p>Over 500 lines because it owns the PG arrays and every change to them (events, remapping,
 * finished transfers) keeps the per-state counts and the set of troubled PGs exact; the work done
 * per step lives in {@link Life}, {@link Recovery}, {@link Scrubs} and {@link OsdUsage}.
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
    static final long OBJECT_BYTES = 4L << 20;

    /** Ceph's {@code mon_osd_down_out_interval}: a down OSD is marked out after ten minutes. */
    static final int DOWN_OUT_INTERVAL_SECONDS = 600;

    private final Object lock = new Object();
    private final SimulatorSpec spec;
    private final Clock clock;
    private final String fsid;
    private final int replicas;
    private final boolean[] osdUp;
    /** Each OSD's reweight in 16.16 fixed point, as the OSD map keeps it: 0 is out, 0x10000 fully in. */
    private final int[] osdWeight;

    private final int[] osdDownAt;
    /** When each OSD went down (epoch second), how long it stayed down last time, and its out interval. */
    private final long[] osdDownSince;

    private final long[] osdLastDownSeconds;
    private final int[] osdOutAfter;
    private final boolean[] osdAutoOut;
    private final BitSet downOsds = new BitSet();
    /** Each PG copy's OSD: {@code placement} as CRUSH would place it now (the up set), {@code acting} where its data is. */
    private int[] placement;

    private int[] acting;
    private byte[] placementGroupStates;
    private byte[] phases;
    private final int[] stateCounts = new int[PlacementGroupState.values().length];
    /** The PGs that are not clean: health and recovery look only at these. */
    private final BitSet troubled = new BitSet();

    private final List<SimulatedPool> pools;
    private final ClusterLog log;
    private int osdMapEpoch;
    private int poolMax;
    private int flags = OsdMapFlags.NEW_CLUSTER;
    private boolean allowPoolDelete = true;
    private final SimulatedCrushMap crush;
    private final Recovery recovery;
    private final Scrubs scrubs;
    private final OsdUsage usage;
    private final Quorum quorum;
    private final Life life;
    /** The simulated time (epoch second) the state has reached. */
    private long second;
    /** Whether a PG's acting set was set apart from its up set or joined it again since the last step. */
    private boolean placementGroupTemporariesChanged;

    private SimulatedCluster(SimulatorSpec spec, Clock clock) {
        this.spec = requireNonNull(spec, "spec");
        this.clock = requireNonNull(clock, "clock");
        this.second = clock.instant().getEpochSecond();
        this.fsid = Hashing.uuid(spec.seed(), 0xF5, 0);
        this.replicas = spec.replicas();
        int osds = spec.osds();
        this.osdUp = new boolean[osds];
        this.osdWeight = new int[osds];
        this.osdDownAt = new int[osds];
        this.osdDownSince = new long[osds];
        this.osdLastDownSeconds = new long[osds];
        this.osdOutAfter = new int[osds];
        this.osdAutoOut = new boolean[osds];
        Arrays.fill(osdUp, true);
        Arrays.fill(osdWeight, FULL_WEIGHT);
        Arrays.fill(osdOutAfter, DOWN_OUT_INTERVAL_SECONDS);
        this.crush = new SimulatedCrushMap(spec);
        int bootEpoch = 2 + osds;
        this.pools = new ArrayList<>(createPools(spec, bootEpoch));
        this.poolMax = spec.pools();
        this.osdMapEpoch = bootEpoch + spec.pools() + 1;
        this.recovery = new Recovery(this);
        this.scrubs = new Scrubs(this);
        this.usage = new OsdUsage(this);
        this.quorum = new Quorum(spec.mons(), ORIGIN.getEpochSecond());
        this.life = new Life(this);
        layOut();
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

    /** Marks an OSD up or down in a new OSD map and updates its PGs. */
    void setOsdUp(int osd, boolean up) {
        setOsdsUp(new int[] {osd}, up);
    }

    /**
     * Marks OSDs up or down in one new OSD map (none if none changes) and updates their PGs. An OSD
     * the monitors marked out because it stayed down is marked in again when it comes back up, as
     * Ceph does ({@code mon_osd_auto_mark_auto_out_in}), which moves its PGs back.
     */
    void setOsdsUp(int[] osds, boolean up) {
        synchronized (lock) {
            boolean changed = false;
            boolean markedIn = false;
            for (int osd : osds) {
                if (osdUp[osd] == up) {
                    continue;
                }
                changed = true;
                if (up) {
                    osdUp[osd] = true;
                    downOsds.clear(osd);
                    osdLastDownSeconds[osd] = second - osdDownSince[osd];
                    osdOutAfter[osd] = DOWN_OUT_INTERVAL_SECONDS;
                    if (osdAutoOut[osd]) {
                        osdAutoOut[osd] = false;
                        osdWeight[osd] = FULL_WEIGHT;
                        markedIn = true;
                    }
                } else {
                    markOsdDown(osd);
                }
            }
            if (changed) {
                osdMapEpoch++;
                if (markedIn) {
                    remap();
                }
                refreshPlacementGroupStates();
            }
        }
    }

    /** Marks an OSD down in the next map; the caller bumps the epoch and refreshes the PG states. */
    void markOsdDown(int osd) {
        osdUp[osd] = false;
        osdDownAt[osd] = osdMapEpoch + 1;
        osdDownSince[osd] = second;
        downOsds.set(osd);
    }

    /** Seconds an OSD stays down before the monitors mark it out ({@code mon_osd_down_out_interval}), until it is up again. */
    void setOutAfter(int osd, int seconds) {
        osdOutAfter[osd] = seconds;
    }

    /**
     * Brings every PG's phase and state up to date with its OSDs: a PG with a copy down will need
     * recovery, and waits for it once all its copies are up again; a scrub, recovery or backfill
     * that lost an OSD stops. One pass over all PGs, for events (not for each step).
     */
    void refreshPlacementGroupStates() {
        for (SimulatedPool pool : pools) {
            int copies = pool.copies();
            for (int index = 0; index < pool.pgNum(); index++) {
                int pg = pool.firstPlacementGroup() + index;
                int first = pool.firstCopy() + index * copies;
                boolean anyDown = false;
                boolean targetDown = false;
                boolean anyUp = false;
                for (int copy = first; copy < first + copies; copy++) {
                    anyDown |= !osdUp[acting[copy]];
                    anyUp |= osdUp[acting[copy]];
                    targetDown |= acting[copy] != placement[copy] && !osdUp[placement[copy]];
                }
                byte phase = phases[pg];
                switch (phase) {
                    case Phase.SCRUBBING, Phase.DEEP_SCRUBBING -> {
                        if (anyDown) {
                            scrubs.abort(pg);
                            phase = Phase.NEEDS_RECOVERY;
                        }
                    }
                    case Phase.CLEAN, Phase.RECOVERY_WAIT -> phase = anyDown ? Phase.NEEDS_RECOVERY : phase;
                    case Phase.NEEDS_RECOVERY -> {
                        if (!anyDown) {
                            phase = Phase.RECOVERY_WAIT;
                            recovery.enqueue(pg);
                        }
                    }
                    case Phase.RECOVERING -> {
                        if (anyDown) {
                            recovery.abort(pg);
                            phase = Phase.NEEDS_RECOVERY;
                        }
                    }
                    case Phase.BACKFILLING -> {
                        if (targetDown || !anyUp) {
                            recovery.abort(pg);
                            phase = Phase.BACKFILL_WAIT;
                            recovery.enqueue(pg);
                        }
                    }
                    default -> {
                        // Waiting for a backfill: stays queued.
                    }
                }
                phases[pg] = phase;
                evaluate(pool, index);
            }
        }
        recovery.wake();
    }

    /**
     * Places the PGs again after OSDs went out or in: each PG whose up set changes keeps its
     * acting set (Ceph's {@code pg_temp}) and waits for a backfill to its new OSDs; one whose up set
     * comes back to its acting set stops backfilling. One placement pass, for events.
     */
    void remap() {
        int[] fresh = Placement.place(spec, pools, osdWeight);
        for (SimulatedPool pool : pools) {
            int copies = pool.copies();
            for (int index = 0; index < pool.pgNum(); index++) {
                int first = pool.firstCopy() + index * copies;
                if (Arrays.equals(fresh, first, first + copies, placement, first, first + copies)) {
                    continue;
                }
                System.arraycopy(fresh, first, placement, first, copies);
                int pg = pool.firstPlacementGroup() + index;
                byte phase = phases[pg];
                // Its state from before this change: whether a copy missed writes.
                boolean wasDegraded = placementGroupState(pg).degraded();
                if (phase == Phase.SCRUBBING || phase == Phase.DEEP_SCRUBBING) {
                    scrubs.abort(pg);
                } else if (phase == Phase.BACKFILLING || phase == Phase.RECOVERING) {
                    recovery.abort(pg);
                }
                boolean remapped = !Arrays.equals(acting, first, first + copies, placement, first, first + copies);
                if (remapped) {
                    phases[pg] = Phase.BACKFILL_WAIT;
                    recovery.enqueue(pg);
                } else if (anyActingDown(first, copies)) {
                    phases[pg] = Phase.NEEDS_RECOVERY;
                } else if (wasDegraded) {
                    // Back home on an OSD that missed writes while it was down: it recovers them.
                    phases[pg] = Phase.RECOVERY_WAIT;
                    recovery.enqueue(pg);
                } else {
                    phases[pg] = Phase.CLEAN;
                }
                placementGroupTemporariesChanged = true;
                evaluate(pool, index);
            }
        }
        recovery.wake();
    }

    private boolean anyActingDown(int first, int copies) {
        for (int copy = first; copy < first + copies; copy++) {
            if (!osdUp[acting[copy]]) {
                return true;
            }
        }
        return false;
    }

    /** A backfill or recovery of {@code pg} finished: its data is where its up set says. */
    void completeTransfer(int pg) {
        SimulatedPool pool = poolOf(pg);
        int index = pg - pool.firstPlacementGroup();
        int copies = pool.copies();
        int first = pool.firstCopy() + index * copies;
        for (int copy = first; copy < first + copies; copy++) {
            if (acting[copy] != placement[copy]) {
                usage.move(pools.indexOf(pool), acting[copy], placement[copy]);
                acting[copy] = placement[copy];
                placementGroupTemporariesChanged = true;
            }
        }
        phases[pg] = anyActingDown(first, copies) ? Phase.NEEDS_RECOVERY : Phase.CLEAN;
        evaluate(pool, index);
    }

    /** Sets a PG's phase (a scrub or transfer starting or ending) and its state with it. */
    void setPhase(int pg, byte phase) {
        phases[pg] = phase;
        SimulatedPool pool = poolOf(pg);
        evaluate(pool, pg - pool.firstPlacementGroup());
    }

    byte phase(int pg) {
        return phases[pg];
    }

    /** The PG's state from its phase and how many of its acting OSDs are up; keeps the counts by state. */
    private void evaluate(SimulatedPool pool, int index) {
        int copies = pool.copies();
        int first = pool.firstCopy() + index * copies;
        int up = 0;
        for (int copy = first; copy < first + copies; copy++) {
            up += osdUp[acting[copy]] ? 1 : 0;
        }
        int pg = pool.firstPlacementGroup() + index;
        PlacementGroupState state = PlacementGroupState.of(up, pool.size(), pool.minSize(), phases[pg]);
        stateCounts[placementGroupStates[pg]]--;
        stateCounts[state.ordinal()]++;
        placementGroupStates[pg] = (byte) state.ordinal();
        troubled.set(pg, !state.clean());
    }

    /** The pool PG {@code pg} (an index into the cluster's PGs) belongs to. */
    SimulatedPool poolOf(int pg) {
        for (SimulatedPool pool : pools) {
            if (pg < pool.firstPlacementGroup() + pool.pgNum()) {
                return pool;
            }
        }
        throw new IllegalArgumentException("no PG " + pg);
    }

    /** Sets an OSD's reweight (16.16 fixed point, 0 for out); the caller bumps the epoch and remaps. */
    void setOsdWeight(int osd, int weight) {
        osdWeight[osd] = weight;
        osdAutoOut[osd] = false;
    }

    /** The monitors mark an OSD out themselves: it is {@code autoout} and comes back in when it boots. */
    void markOsdAutoOut(int osd) {
        osdWeight[osd] = 0;
        osdAutoOut[osd] = true;
    }

    boolean osdAutoOut(int osd) {
        return osdAutoOut[osd];
    }

    /** The next OSD map: bumps its epoch, as the monitors do once per accepted change, and returns it. */
    int nextOsdMapEpoch() {
        return ++osdMapEpoch;
    }

    void setFlags(int newFlags) {
        flags = newFlags;
        recovery.wake();
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

    /**
     * Places every pool's PGs again (after a change of their number or size) and recomputes states
     * and usage. Recovery, backfill and scrubs under way settle at once: every PG starts again from
     * where its OSDs are.
     */
    void layOut() {
        placement = Placement.place(spec, pools, osdWeight);
        acting = placement.clone();
        int count = 0;
        for (SimulatedPool pool : pools) {
            count += pool.pgNum();
        }
        placementGroupStates = new byte[count];
        phases = new byte[count];
        Arrays.fill(stateCounts, 0);
        stateCounts[PlacementGroupState.ACTIVE_CLEAN.ordinal()] = count;
        troubled.clear();
        recovery.clear();
        scrubs.clear();
        refreshPlacementGroupStates();
        usage.rebuild();
    }

    /** Runs the cluster on to its clock's time; a no-op for a clock that stands still. Under the lock. */
    void advance() {
        synchronized (lock) {
            life.advanceTo(clock.instant().getEpochSecond());
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
        return usage.usedBytes(osd);
    }

    OsdUsage usage() {
        return usage;
    }

    Recovery recovery() {
        return recovery;
    }

    Scrubs scrubs() {
        return scrubs;
    }

    Quorum quorum() {
        return quorum;
    }

    /** The simulated time (epoch second) the cluster's state has reached. */
    long second() {
        return second;
    }

    void setSecond(long value) {
        second = value;
    }

    /** The OSDs that are down, as a set of their ids (do not change it). */
    BitSet downOsds() {
        return downOsds;
    }

    long osdDownSince(int osd) {
        return osdDownSince[osd];
    }

    long osdLastDownSeconds(int osd) {
        return osdLastDownSeconds[osd];
    }

    int osdOutAfter(int osd) {
        return osdOutAfter[osd];
    }

    /** Whether an acting set parted from or joined its up set since the last call (Ceph publishes {@code pg_temp} in a new map). */
    boolean takeTemporariesChanged() {
        boolean changed = placementGroupTemporariesChanged;
        placementGroupTemporariesChanged = false;
        return changed;
    }

    List<SimulatedPool> pools() {
        return pools;
    }

    /** The OSD CRUSH puts copy {@code copy} (0 is the primary) of PG {@code index} of {@code pool} on: the up set. */
    int placementGroupOsd(SimulatedPool pool, int index, int copy) {
        return placement[pool.firstCopy() + index * pool.copies() + copy];
    }

    /** The OSD holding the data of copy {@code copy} of the PG: the acting set, which differs while it backfills. */
    int actingOsd(SimulatedPool pool, int index, int copy) {
        return acting[pool.firstCopy() + index * pool.copies() + copy];
    }

    PlacementGroupState placementGroupState(int pg) {
        return PlacementGroupState.ofOrdinal(placementGroupStates[pg]);
    }

    /** How many PGs are in {@code state}; kept up to date on every change, so no pass over the PGs. */
    int placementGroupCount(PlacementGroupState state) {
        return stateCounts[state.ordinal()];
    }

    /** The PGs that are not clean, in PG order (do not change it). */
    BitSet troubled() {
        return troubled;
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
        return quorum.electionEpoch();
    }

    int fsMapEpoch() {
        return 1;
    }

    ClusterLog log() {
        return log;
    }
}
