package io.calamari.simulator;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The CRUSH map of a simulated cluster as state: buckets (each with its {@code ~hdd} shadow, whose
 * id it keeps for life), every OSD's CRUSH weight in 16.16 fixed point, and replicated rules. It
 * starts as the spec's hierarchy (root {@code default} over the racks, if any, over the hosts) and
 * changes with the {@code osd crush} commands ({@link CrushCommands}). New buckets take the lowest
 * free id, as Ceph's {@code get_new_bucket_id} does. PG placement does not follow CRUSH changes.
 *
 * <p>Thread-safety: not thread-safe; read and changed only under the cluster's lock.
 */
final class SimulatedCrushMap {
    static final String[] TYPES = {
        "osd", "host", "chassis", "rack", "row", "pdu", "pod", "room", "datacenter", "zone", "region", "root"
    };

    /** One bucket; {@code items} are bucket ids (negative) and OSD ids, in position order. */
    static final class Bucket {
        final int id;
        final int shadowId;
        String name;
        int type;
        final List<Integer> items = new ArrayList<>();

        Bucket(int id, int shadowId, String name, int type) {
            this.id = id;
            this.shadowId = shadowId;
            this.name = requireNonNull(name, "name");
            this.type = type;
        }
    }

    /** A replicated rule: {@code take <root>[~hdd]}, {@code chooseleaf_firstn 0 type <type>}, {@code emit}. */
    static final class Rule {
        final int id;
        String name;
        final int root;
        final boolean hddOnly;
        final int chooseType;

        Rule(int id, String name, int root, boolean hddOnly, int chooseType) {
            this.id = id;
            this.name = requireNonNull(name, "name");
            this.root = root;
            this.hddOnly = hddOnly;
            this.chooseType = chooseType;
        }
    }

    private final List<Bucket> buckets = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private final int[] osdWeight;
    private int version;

    SimulatedCrushMap(SimulatorSpec spec) {
        osdWeight = new int[spec.osds()];
        Arrays.fill(osdWeight, SimulatedCluster.crushWeight());
        Bucket root = new Bucket(-1, -2, "default", 11);
        buckets.add(root);
        for (int rack = 0; rack < spec.racks(); rack++) {
            Bucket bucket = new Bucket(-(3 + 2 * rack), -(4 + 2 * rack), SimulatedCluster.rackName(rack), 3);
            buckets.add(bucket);
            root.items.add(bucket.id);
        }
        for (int host = 0; host < spec.hosts(); host++) {
            int id = -(3 + 2 * spec.racks() + 2 * host);
            Bucket bucket = new Bucket(id, id - 1, SimulatedCluster.hostName(host), 1);
            buckets.add(bucket);
            Bucket parent = spec.racks() > 0 ? buckets.get(1 + host % spec.racks()) : root;
            parent.items.add(id);
            for (int slot = 0; slot < spec.osdsPerHost(); slot++) {
                bucket.items.add(host * spec.osdsPerHost() + slot);
            }
        }
        rules.add(new Rule(0, "replicated_rule", -1, false, 1));
        version = 1 + spec.racks() + spec.hosts() + spec.osds();
    }

    int version() {
        return version;
    }

    /** Counts a change: a new CRUSH version (the caller makes the new OSD map). */
    void changed() {
        version++;
    }

    List<Bucket> buckets() {
        return buckets;
    }

    List<Rule> rules() {
        return rules;
    }

    int osdWeight(int osd) {
        return osdWeight[osd];
    }

    void setOsdWeight(int osd, int weight) {
        osdWeight[osd] = weight;
    }

    static int typeId(String name) {
        return List.of(TYPES).indexOf(name);
    }

    Optional<Bucket> bucket(String name) {
        return buckets.stream().filter(bucket -> bucket.name.equals(name)).findFirst();
    }

    Optional<Bucket> bucket(int id) {
        return buckets.stream().filter(bucket -> bucket.id == id).findFirst();
    }

    Optional<Rule> rule(String name) {
        return rules.stream().filter(rule -> rule.name.equals(name)).findFirst();
    }

    /** The bucket holding {@code item}, if any. */
    Optional<Bucket> parent(int item) {
        return buckets.stream().filter(bucket -> bucket.items.contains(item)).findFirst();
    }

    /** The buckets nothing holds, most negative id first (Ceph's order of roots in {@code osd tree}). */
    List<Bucket> roots() {
        return buckets.stream()
                .filter(bucket -> parent(bucket.id).isEmpty())
                .sorted(Comparator.comparingInt(bucket -> bucket.id))
                .toList();
    }

    /** The weight of an item: an OSD's own, a bucket's the sum of its items'. */
    int weight(int item) {
        if (item >= 0) {
            return osdWeight[item];
        }
        int sum = 0;
        for (int child : bucket(item).orElseThrow().items) {
            sum += weight(child);
        }
        return sum;
    }

    /** Whether {@code item} is {@code ancestor} or below it. */
    boolean isUnder(int item, int ancestor) {
        for (Optional<Bucket> at = Optional.of(item).flatMap(id -> id < 0 ? bucket(id) : Optional.empty());
                at.isPresent();
                at = parent(at.get().id)) {
            if (at.get().id == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** A new bucket with the lowest free id, its shadow with the next. */
    Bucket addBucket(String name, int type) {
        int id = freeId(0);
        Bucket bucket = new Bucket(id, freeId(id), name, type);
        buckets.add(bucket);
        return bucket;
    }

    private int freeId(int taken) {
        int id = -1;
        while (id == taken || inUse(id)) {
            id--;
        }
        return id;
    }

    private boolean inUse(int id) {
        return buckets.stream().anyMatch(bucket -> bucket.id == id || bucket.shadowId == id);
    }

    /** Takes {@code item} out of every bucket holding it. */
    void unlinkEverywhere(int item) {
        buckets.forEach(bucket -> bucket.items.remove(Integer.valueOf(item)));
    }

    int freeRuleId() {
        int id = 0;
        while (true) {
            int candidate = id;
            if (rules.stream().noneMatch(rule -> rule.id == candidate)) {
                return id;
            }
            id++;
        }
    }

    /** All buckets and shadows, ordered as {@code osd crush dump} lists them (-1, -2, -3...). */
    List<int[]> bucketOrder() {
        List<int[]> order = new ArrayList<>();
        for (int index = 0; index < buckets.size(); index++) {
            order.add(new int[] {buckets.get(index).id, index, 0});
            order.add(new int[] {buckets.get(index).shadowId, index, 1});
        }
        order.sort(Comparator.comparingInt((int[] entry) -> -entry[0]));
        return order;
    }
}
