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
    /** {@code FLAG_HASHPSPOOL}, the one pool flag the simulator knows. */
    static final long HASHPSPOOL = 1;

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
    private final long storedBytes;
    private final long objects;

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
