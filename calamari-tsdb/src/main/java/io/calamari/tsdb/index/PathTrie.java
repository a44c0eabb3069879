package io.calamari.tsdb.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The tree of dotted series paths that {@code /metrics/find} and path expressions walk. A node can
 * be a leaf (a series ends there) and a branch at once, as in whisper's {@code a/b.wsp} next to
 * {@code a/b/}. Not thread-safe: {@link SeriesIndex} guards it.
 */
final class PathTrie {
    private static final class Node {
        private @Nullable TreeMap<String, Node> children;
        private boolean leaf;

        Map<String, Node> children() {
            if (children == null) {
                children = new TreeMap<>();
            }
            return children;
        }

        boolean hasChildren() {
            return children != null && !children.isEmpty();
        }
    }

    /** One match of a find: the path, whether a series ends there, whether it has children. */
    record Match(String path, boolean leaf, boolean branch) {}

    private final Node root = new Node();

    void add(List<String> nodes) {
        Node node = root;
        for (String name : nodes) {
            node = node.children().computeIfAbsent(name, key -> new Node());
        }
        node.leaf = true;
    }

    /** Removes a leaf and the branches it leaves empty. */
    void remove(List<String> nodes) {
        remove(root, nodes, 0);
    }

    private static boolean remove(Node node, List<String> nodes, int depth) {
        if (depth == nodes.size()) {
            node.leaf = false;
        } else if (node.children != null) {
            Node child = node.children.get(nodes.get(depth));
            if (child != null && remove(child, nodes, depth + 1)) {
                node.children.remove(nodes.get(depth));
            }
        }
        return !node.leaf && !node.hasChildren();
    }

    /** Every node matching the pattern's nodes, depth for depth, in path order. */
    List<Match> find(List<GlobPattern> pattern) {
        List<Match> matches = new ArrayList<>();
        walk(root, pattern, 0, new StringBuilder(), matches);
        return matches;
    }

    private static void walk(Node node, List<GlobPattern> pattern, int depth, StringBuilder path, List<Match> matches) {
        if (depth == pattern.size()) {
            matches.add(new Match(path.toString(), node.leaf, node.hasChildren()));
            return;
        }
        if (node.children == null) {
            return;
        }
        GlobPattern glob = pattern.get(depth);
        int length = path.length();
        String literal = glob.literal().orElse(null);
        if (literal != null) {
            Node child = node.children.get(literal);
            if (child != null) {
                walk(child, pattern, depth + 1, append(path, literal), matches);
                path.setLength(length);
            }
            return;
        }
        for (Map.Entry<String, Node> child : node.children.entrySet()) {
            if (glob.matches(child.getKey())) {
                walk(child.getValue(), pattern, depth + 1, append(path, child.getKey()), matches);
                path.setLength(length);
            }
        }
    }

    private static StringBuilder append(StringBuilder path, String name) {
        if (path.length() > 0) {
            path.append('.');
        }
        return path.append(name);
    }
}
