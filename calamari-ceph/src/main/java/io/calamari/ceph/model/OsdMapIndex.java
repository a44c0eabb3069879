package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Indexes derived once from one OSD map, its tree, CRUSH map and OSD metadata: the OSDs each CRUSH
 * rule and each pool can place data on, the pools of each OSD, each OSD's CRUSH ancestry and host,
 * and each OSD's reweight as {@code osd tree} reports it. A pool whose rule reaches no OSD (or
 * names a rule that does not exist) has no OSDs. Immutable.
 */
public record OsdMapIndex(
        Map<Integer, Set<Integer>> osdsByRule,
        Map<Integer, Set<Integer>> osdsByPool,
        Map<Integer, Set<Integer>> poolsByOsd,
        Map<Integer, List<List<Integer>>> ancestryByOsd,
        Map<Integer, String> hostByOsd,
        Map<Integer, Double> reweightByOsd) {
    private static final String HOST_TYPE = "host";

    public OsdMapIndex {
        osdsByRule = copySets(osdsByRule);
        osdsByPool = copySets(osdsByPool);
        poolsByOsd = copySets(poolsByOsd);
        ancestryByOsd = ancestryByOsd.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        Map.Entry::getKey,
                        entry -> entry.getValue().stream().map(List::copyOf).toList()));
        hostByOsd = Map.copyOf(hostByOsd);
        reweightByOsd = Map.copyOf(reweightByOsd);
    }

    /** Computes every index; cost is linear in OSDs, pools and CRUSH items (times rule steps). */
    public static OsdMapIndex build(OsdMap osdMap, OsdTree tree, CrushMap crush, List<OsdMetadata> metadata) {
        requireNonNull(osdMap, "osdMap");
        requireNonNull(tree, "tree");
        requireNonNull(crush, "crush");
        requireNonNull(metadata, "metadata");
        CrushWalker walker = new CrushWalker(crush);
        Map<Integer, Set<Integer>> osdsByRule = walker.osdsByRule();

        Map<Integer, Set<Integer>> osdsByPool = new HashMap<>();
        Map<Integer, Set<Integer>> poolsByOsd = new HashMap<>();
        for (Osd osd : osdMap.osds()) {
            poolsByOsd.put(osd.id(), new TreeSet<>());
        }
        for (Pool pool : osdMap.pools()) {
            Set<Integer> osds = osdsByRule.getOrDefault(pool.crushRule(), Set.of());
            osdsByPool.put(pool.id(), osds);
            for (int osd : osds) {
                poolsByOsd.computeIfAbsent(osd, id -> new TreeSet<>()).add(pool.id());
            }
        }

        Map<Integer, OsdMetadata> metadataByOsd =
                metadata.stream().collect(Collectors.toMap(OsdMetadata::osd, Function.identity(), (a, b) -> a));
        Map<Integer, OsdTreeNode> treeNodes = tree.nodesById();
        Map<Integer, List<List<Integer>>> ancestry = new HashMap<>();
        Map<Integer, String> hosts = new HashMap<>();
        Map<Integer, Double> reweights = new HashMap<>();
        for (Osd osd : osdMap.osds()) {
            List<List<Integer>> paths = walker.ancestry(osd.id());
            ancestry.put(osd.id(), paths);
            hostOf(walker, paths)
                    .or(() -> Optional.ofNullable(metadataByOsd.get(osd.id())).flatMap(OsdMetadata::hostname))
                    .ifPresent(host -> hosts.put(osd.id(), host));
            OsdTreeNode node = treeNodes.get(osd.id());
            reweights.put(osd.id(), node == null ? 0.0 : node.reweight());
        }
        return new OsdMapIndex(osdsByRule, osdsByPool, poolsByOsd, ancestry, hosts, reweights);
    }

    public Set<Integer> osdsForRule(int ruleId) {
        return osdsByRule.getOrDefault(ruleId, Set.of());
    }

    public Set<Integer> osdsForPool(int poolId) {
        return osdsByPool.getOrDefault(poolId, Set.of());
    }

    public Set<Integer> poolsForOsd(int osdId) {
        return poolsByOsd.getOrDefault(osdId, Set.of());
    }

    /** Paths of bucket ids from the OSD's parent up to a root; empty when not in CRUSH. */
    public List<List<Integer>> crushAncestry(int osdId) {
        return ancestryByOsd.getOrDefault(osdId, List.of());
    }

    /** The CRUSH host bucket holding the OSD, else the hostname from its metadata. */
    public Optional<String> host(int osdId) {
        return Optional.ofNullable(hostByOsd.get(osdId));
    }

    /** The reweight from {@code osd tree}; 0.0 when the OSD is not in CRUSH (as Calamari does). */
    public double reweight(int osdId) {
        return reweightByOsd.getOrDefault(osdId, 0.0);
    }

    private static Optional<String> hostOf(CrushWalker walker, List<List<Integer>> paths) {
        for (List<Integer> path : paths) {
            for (int bucket : path) {
                if (HOST_TYPE.equals(walker.typeName(bucket))) {
                    return Optional.of(walker.name(bucket));
                }
            }
        }
        return Optional.empty();
    }

    private static Map<Integer, Set<Integer>> copySets(Map<Integer, Set<Integer>> sets) {
        return sets.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> Set.copyOf(entry.getValue())));
    }
}
