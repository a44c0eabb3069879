package io.calamari.server.metrics;

import io.calamari.tsdb.TimeSeriesStore;
import io.calamari.tsdb.index.SeriesIndex.PathMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * graphite-web's {@code /metrics/find}, {@code /metrics/expand} and {@code /metrics/index.json}
 * answers, built from the store's path trie. Stateless apart from the store; thread-safe.
 */
final class GraphiteFinder {
    private final TimeSeriesStore store;

    GraphiteFinder(TimeSeriesStore store) {
        this.store = store;
    }

    /** One node found: a branch and a leaf of the same name are one entry here. */
    private record Node(String name, String path, boolean leaf, boolean branch) {}

    private List<Node> nodes(String query, boolean leavesOnly) {
        Map<String, Node> byPath = new TreeMap<>();
        for (PathMatch match : store.find(query)) {
            if (leavesOnly && !match.leaf()) {
                continue;
            }
            int dot = match.path().lastIndexOf('.');
            byPath.put(
                    match.path(),
                    new Node(match.path().substring(dot + 1), match.path(), match.leaf(), match.branch()));
        }
        return new ArrayList<>(byPath.values());
    }

    /**
     * {@code treejson}: branches first, then leaves, each sorted by name, a node that is both listed
     * twice as graphite-web lists a directory next to a file of the same name; with {@code wildcards}
     * and more than one match, a leading {@code *} entry.
     */
    List<Map<String, Object>> treeJson(String query, boolean wildcards, boolean leavesOnly) {
        int dot = query.lastIndexOf('.');
        String base = dot < 0 ? "" : query.substring(0, dot + 1);
        List<Map<String, Object>> branches = new ArrayList<>();
        List<Map<String, Object>> leaves = new ArrayList<>();
        for (Node node : nodes(query, leavesOnly)) {
            if (node.branch() && !leavesOnly) {
                branches.add(treeEntry(base + node.name(), node.name(), false));
            }
            if (node.leaf()) {
                leaves.add(treeEntry(base + node.name(), node.name(), true));
            }
        }
        List<Map<String, Object>> result = new ArrayList<>();
        if (wildcards && branches.size() + leaves.size() > 1) {
            result.add(treeEntry(base + "*", "*", leaves.size() > 0 && branches.isEmpty()));
        }
        result.addAll(branches);
        result.addAll(leaves);
        return result;
    }

    private static Map<String, Object> treeEntry(String id, String text, boolean leaf) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("allowChildren", leaf ? 0 : 1);
        entry.put("expandable", leaf ? 0 : 1);
        entry.put("leaf", leaf ? 1 : 0);
        entry.put("id", id);
        entry.put("text", text);
        return entry;
    }

    /** {@code completer}: branch paths end in a dot. */
    Map<String, Object> completer(String query, boolean leavesOnly) {
        List<Map<String, Object>> metrics = new ArrayList<>();
        for (Node node : nodes(query, leavesOnly)) {
            if (node.branch() && !leavesOnly) {
                metrics.add(Map.of("path", node.path() + ".", "name", node.name(), "is_leaf", "0"));
            }
            if (node.leaf()) {
                metrics.add(Map.of("path", node.path(), "name", node.name(), "is_leaf", "1"));
            }
        }
        return Map.of("metrics", metrics);
    }

    /** {@code json}: path, leaf flag and (unknown here, so empty) intervals. */
    List<Map<String, Object>> json(String query, boolean leavesOnly) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Node node : nodes(query, leavesOnly)) {
            result.add(Map.of("path", node.path(), "is_leaf", node.leaf(), "intervals", List.of()));
        }
        return result;
    }

    /** {@code nodelist}: the names at one position of the matched paths. */
    Map<String, Object> nodeList(String query, int position) {
        TreeSet<String> names = new TreeSet<>();
        for (Node node : nodes(query, false)) {
            String[] parts = node.path().split("\\.");
            int index = position < 0 ? parts.length + position : position;
            if (index >= 0 && index < parts.length) {
                names.add(parts[index]);
            }
        }
        return Map.of("nodes", List.copyOf(names));
    }

    /** {@code /metrics/expand}: every matching path (leaves only when asked), sorted, or grouped by query. */
    Map<String, Object> expand(List<String> queries, boolean groupByExpression, boolean leavesOnly) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        TreeSet<String> all = new TreeSet<>();
        for (String query : queries) {
            List<String> paths =
                    nodes(query, leavesOnly).stream().map(Node::path).toList();
            grouped.put(query, paths);
            all.addAll(paths);
        }
        return Map.of("results", groupByExpression ? grouped : List.copyOf(all));
    }

    /** {@code /metrics/index.json}: every leaf, sorted. */
    List<String> index() {
        TreeSet<String> leaves = new TreeSet<>();
        collect("*", leaves);
        return List.copyOf(leaves);
    }

    private void collect(String pattern, TreeSet<String> leaves) {
        for (PathMatch match : store.find(pattern)) {
            if (match.leaf()) {
                leaves.add(match.path());
            }
            if (match.branch()) {
                collect(match.path() + ".*", leaves);
            }
        }
    }
}
