package io.calamari.simulator;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One pool of a simulated cluster. Its PGs are the {@code pgNum} entries of the cluster's PG state
 * array from {@code firstPlacementGroup} on, and their OSDs {@link #copies()} entries each of the
 * placement array from {@code firstCopy} on; PG {@code N} of the pool is {@code <id>.<N in hex>}.
 *
 * <p>Thread-safety: not thread-safe; a pool belongs to its cluster and is read and changed only
 * under the cluster's lock (a mutable object here saves replacing a twenty-field record for each
 * {@code osd pool set}).
 */
final class SimulatedPool {
    /** Ceph's {@code pg_pool_t} types. */
    static final int REPLICATED = 1;

    static final int ERASURE = 3;
    /** {@code FLAG_HASHPSPOOL}. */
    static final long HASHPSPOOL = 1;
    /** {@code FLAG_FULL}, {@code FLAG_NEARFULL} and {@code FLAG_BACKFILLFULL}: set by the monitors from the OSDs' use. */
    static final long FULL = 1L << 1;

    static final long NEARFULL = 1L << 11;
    static final long BACKFILLFULL = 1L << 12;
    static final long FULLNESS = FULL | NEARFULL | BACKFILLFULL;
    private static final long OBJECT_BYTES = 4L << 20;

    private final int id;
    private final Instant createTime;
    private final int type;
    private final String erasureCodeProfile;
    private String name;
    private int size;
    private int minSize;
    private int pgNum;
    private int pgpNum;
    private int crushRule;
    private long flags = HASHPSPOOL;
    private String autoscaleMode = "on";
    private String compressionMode = "";
    private long quotaMaxBytes;
    private long quotaMaxObjects;
    private final List<String> applications = new ArrayList<>();
    private int lastChange;
    private int firstPlacementGroup;
    private int firstCopy;
    private int copies;
    private long storedBytes;
    private long objects;
    /** Client IO since the pool was created, as {@code df detail}'s {@code rd}, {@code wr}... count it. */
    private long readOps;

    private long writeOps;
    private long readBytes;
    private long writeBytes;
    /** The last step's client IO and recovery, per second. */
    private final long[] rates = new long[6];
    /** A runaway writer's extra bytes per second ({@code fill-pool}), and what it has written. */
    private long fillBytesPerSecond;

    private long filledBytes;

    SimulatedPool(
            int id,
            String name,
            int type,
            String erasureCodeProfile,
            int pgNum,
            int size,
            int minSize,
            Instant createTime,
            int lastChange,
            long storedBytes,
            long objects) {
        this.id = id;
        this.name = requireNonNull(name, "name");
        this.type = type;
        this.erasureCodeProfile = requireNonNull(erasureCodeProfile, "erasureCodeProfile");
        this.pgNum = pgNum;
        this.pgpNum = pgNum;
        this.size = size;
        this.minSize = minSize;
        this.createTime = requireNonNull(createTime, "createTime");
        this.lastChange = lastChange;
        this.storedBytes = storedBytes;
        this.objects = objects;
    }

    static String placementGroupId(int poolId, int index) {
        return poolId + "." + Integer.toHexString(index);
    }

    int id() {
        return id;
    }

    String name() {
        return name;
    }

    int type() {
        return type;
    }

    boolean erasure() {
        return type == ERASURE;
    }

    String erasureCodeProfile() {
        return erasureCodeProfile;
    }

    Instant createTime() {
        return createTime;
    }

    int size() {
        return size;
    }

    int minSize() {
        return minSize;
    }

    int pgNum() {
        return pgNum;
    }

    int pgpNum() {
        return pgpNum;
    }

    int crushRule() {
        return crushRule;
    }

    long flags() {
        return flags;
    }

    String autoscaleMode() {
        return autoscaleMode;
    }

    String compressionMode() {
        return compressionMode;
    }

    long quotaMaxBytes() {
        return quotaMaxBytes;
    }

    long quotaMaxObjects() {
        return quotaMaxObjects;
    }

    /** The applications enabled on the pool, in the order they were enabled. */
    List<String> applications() {
        return applications;
    }

    int lastChange() {
        return lastChange;
    }

    int firstPlacementGroup() {
        return firstPlacementGroup;
    }

    int firstCopy() {
        return firstCopy;
    }

    /** How many OSDs each PG has: the size, or fewer when there are fewer hosts (one copy per host). */
    int copies() {
        return copies;
    }

    long storedBytes() {
        return storedBytes;
    }

    long objects() {
        return objects;
    }

    /** {@code rd}, {@code rd_bytes}, {@code wr}, {@code wr_bytes}: client IO since creation. */
    long readOps() {
        return readOps;
    }

    long readBytes() {
        return readBytes;
    }

    long writeOps() {
        return writeOps;
    }

    long writeBytes() {
        return writeBytes;
    }

    /** The last step's client reads per second. */
    long readOpsPerSecond() {
        return rates[0];
    }

    long readBytesPerSecond() {
        return rates[1];
    }

    long writeOpsPerSecond() {
        return rates[2];
    }

    long writeBytesPerSecond() {
        return rates[3];
    }

    /** The last step's recovered (backfilled or recovered) bytes and objects per second. */
    long recoveredBytesPerSecond() {
        return rates[4];
    }

    long recoveredObjectsPerSecond() {
        return rates[5];
    }

    long fillBytesPerSecond() {
        return fillBytesPerSecond;
    }

    long filledBytes() {
        return filledBytes;
    }

    boolean full() {
        return (flags & FULL) != 0;
    }

    /** One step of client IO over {@code seconds}: the counters grow, and the pool by {@code grownBytes}. */
    void recordClientIo(ClientLoad.Rates io, long seconds, long grownBytes, long filled) {
        readOps += io.readOps() * seconds;
        readBytes += io.readBytes() * seconds;
        writeOps += io.writeOps() * seconds;
        writeBytes += io.writeBytes() * seconds;
        rates[0] = io.readOps();
        rates[1] = io.readBytes();
        rates[2] = io.writeOps();
        rates[3] = io.writeBytes();
        filledBytes += filled;
        grow(grownBytes);
    }

    void recordRecovery(long bytesPerSecond, long objectsPerSecond) {
        rates[4] = bytesPerSecond;
        rates[5] = objectsPerSecond;
    }

    /** Stored bytes grow (or shrink, never below 0); objects follow at 4 MiB each, as RBD's default object size. */
    void grow(long bytes) {
        storedBytes = Math.max(0, storedBytes + bytes);
        objects = (storedBytes + OBJECT_BYTES - 1) / OBJECT_BYTES;
    }

    void setFill(long bytesPerSecond) {
        fillBytesPerSecond = bytesPerSecond;
    }

    /** Forgets the runaway writer's data, as if its files were deleted: the pool shrinks by it. */
    long dropFilled() {
        long dropped = filledBytes;
        grow(-dropped);
        filledBytes = 0;
        return dropped;
    }

    /** The pool's flags as {@code osd dump} names them, comma-separated, lowest bit first. */
    String flagNames() {
        StringBuilder names = new StringBuilder();
        String[][] known = {{"1", "hashpspool"}, {"2", "full"}, {"2048", "nearfull"}, {"4096", "backfillfull"}};
        for (String[] flag : known) {
            if ((flags & Long.parseLong(flag[0])) != 0) {
                names.append(names.length() == 0 ? "" : ",").append(flag[1]);
            }
        }
        return names.toString();
    }

    void rename(String newName) {
        name = requireNonNull(newName, "newName");
    }

    void setSize(int value) {
        size = value;
    }

    void setMinSize(int value) {
        minSize = value;
    }

    void setPgNum(int value) {
        pgNum = value;
    }

    void setPgpNum(int value) {
        pgpNum = value;
    }

    void setCrushRule(int value) {
        crushRule = value;
    }

    void setFlags(long value) {
        flags = value;
    }

    void setAutoscaleMode(String value) {
        autoscaleMode = requireNonNull(value, "value");
    }

    void setCompressionMode(String value) {
        compressionMode = requireNonNull(value, "value");
    }

    void setQuotaMaxBytes(long value) {
        quotaMaxBytes = value;
    }

    void setQuotaMaxObjects(long value) {
        quotaMaxObjects = value;
    }

    void changedAt(int epoch) {
        lastChange = epoch;
    }

    /** Where the pool's PGs and their OSDs start in the cluster's arrays, and how many OSDs each has. */
    void placeAt(int firstPlacementGroup, int firstCopy, int copies) {
        this.firstPlacementGroup = firstPlacementGroup;
        this.firstCopy = firstCopy;
        this.copies = copies;
    }
}
