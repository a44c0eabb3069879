package io.calamari.ceph.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of {@code osd tree}. Ceph repeats a node (and its subtree) once per parent when it is
 * linked under several buckets, so {@code nodes} may hold duplicates; {@link #node(int)} returns
 * the first. {@code stray} lists OSDs not in CRUSH. Immutable.
 */
public record OsdTree(List<OsdTreeNode> nodes, List<OsdTreeNode> stray) {
    public OsdTree {
        nodes = List.copyOf(nodes);
        stray = List.copyOf(stray);
    }

    public Optional<OsdTreeNode> node(int id) {
        return nodes.stream().filter(node -> node.id() == id).findFirst();
    }

    /** Distinct nodes by id (first occurrence wins), in document order. */
    public Map<Integer, OsdTreeNode> nodesById() {
        Map<Integer, OsdTreeNode> result = new LinkedHashMap<>();
        for (OsdTreeNode node : nodes) {
            result.putIfAbsent(node.id(), node);
        }
        return result;
    }
}
