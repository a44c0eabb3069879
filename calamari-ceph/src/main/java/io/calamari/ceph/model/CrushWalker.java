package io.calamari.ceph.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Walks a CRUSH map: which OSDs a rule can reach, and the bucket paths from an OSD up to its
 * roots. Not a simulation of CRUSH placement: a rule "reaches" every OSD under the buckets its
 * {@code choose*} steps could pick. Built per map, confined to the thread building an index.
 */
final class CrushWalker {
    private static final String DEVICE_TYPE = "osd";

    private final CrushMap crush;
    private final Map<Integer, CrushBucket> bucketsById = new HashMap<>();
    private final Map<Integer, List<Integer>> parentsByChild = new HashMap<>();
    private final String deviceTypeName;

    CrushWalker(CrushMap crush) {
        this.crush = crush;
        for (CrushBucket bucket : crush.buckets()) {
            bucketsById.put(bucket.id(), bucket);
            if (bucket.isShadow()) {
                continue;
            }
            for (CrushItem item : bucket.items()) {
                parentsByChild
                        .computeIfAbsent(item.id(), id -> new ArrayList<>())
                        .add(bucket.id());
            }
        }
        this.deviceTypeName = crush.type(0).map(CrushType::name).orElse(DEVICE_TYPE);
    }

    /** The OSDs each rule can place data on, by rule id. */
    Map<Integer, Set<Integer>> osdsByRule() {
        Map<Integer, Set<Integer>> result = new HashMap<>();
        for (CrushRule rule : crush.rules()) {
            result.put(rule.id(), osdsReachedBy(rule));
        }
        return result;
    }

    Set<Integer> osdsReachedBy(CrushRule rule) {
        Set<Integer> reached = new TreeSet<>();
        Collection<Integer> working = List.of();
        for (CrushStep step : rule.steps()) {
            switch (step.op()) {
                case "take" -> working = taken(step);
                case "choose_firstn", "choose_indep" ->
                    working = descendantsOfType(working, step.type().orElse(deviceTypeName));
                case "chooseleaf_firstn", "chooseleaf_indep" ->
                    working =
                            devicesUnder(descendantsOfType(working, step.type().orElse(deviceTypeName)));
                case "emit" -> {
                    reached.addAll(devicesUnder(working));
                    working = List.of();
                }
                default -> {
                    // set_choose_tries and other tunable steps do not change the working set.
                }
            }
        }
        return reached;
    }

    /**
     * Every path of bucket ids from the item's parent up to a root, ignoring device-class shadow
     * buckets; several when the item or an ancestor is linked under more than one bucket.
     */
    List<List<Integer>> ancestry(int itemId) {
        return pathsUp(itemId, new HashSet<>());
    }

    String typeName(int bucketId) {
        CrushBucket bucket = bucketsById.get(bucketId);
        return bucket == null ? "" : bucket.typeName();
    }

    String name(int bucketId) {
        CrushBucket bucket = bucketsById.get(bucketId);
        return bucket == null ? "" : bucket.name();
    }

    private List<List<Integer>> pathsUp(int itemId, Set<Integer> visiting) {
        List<List<Integer>> paths = new ArrayList<>();
        if (!visiting.add(itemId)) {
            return paths;
        }
        for (int parent : parentsByChild.getOrDefault(itemId, List.of())) {
            List<List<Integer>> above = pathsUp(parent, visiting);
            if (above.isEmpty()) {
                paths.add(List.of(parent));
            }
            for (List<Integer> path : above) {
                List<Integer> full = new ArrayList<>(path.size() + 1);
                full.add(parent);
                full.addAll(path);
                paths.add(List.copyOf(full));
            }
        }
        visiting.remove(itemId);
        return paths;
    }

    private List<Integer> taken(CrushStep step) {
        if (step.item().isPresent()) {
            return List.of(step.item().getAsInt());
        }
        return step.itemName()
                .flatMap(crush::bucket)
                .map(bucket -> List.of(bucket.id()))
                .orElse(List.of());
    }

    private Set<Integer> descendantsOfType(Collection<Integer> start, String type) {
        Set<Integer> found = new LinkedHashSet<>();
        Set<Integer> seen = new HashSet<>();
        Deque<Integer> pending = new ArrayDeque<>(start);
        while (!pending.isEmpty()) {
            int id = pending.pop();
            if (!seen.add(id)) {
                continue;
            }
            String itemType = id >= 0 ? deviceTypeName : typeName(id);
            if (itemType.equals(type)) {
                found.add(id);
            } else if (id < 0) {
                childrenOf(id).forEach(pending::push);
            }
        }
        return found;
    }

    private Set<Integer> devicesUnder(Collection<Integer> start) {
        return new TreeSet<>(descendantsOfType(start, deviceTypeName));
    }

    private List<Integer> childrenOf(int bucketId) {
        CrushBucket bucket = bucketsById.get(bucketId);
        if (bucket == null) {
            return List.of();
        }
        List<Integer> children = new ArrayList<>(bucket.items().size());
        for (CrushItem item : bucket.items()) {
            children.add(item.id());
        }
        return children;
    }
}
