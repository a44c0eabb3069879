package io.calamari.tsdb.index;

import io.calamari.tsdb.SeriesNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Every series the store knows: normalised name to dense int id and back, the path trie of untagged
 * series for Graphite patterns, and tag → value → series for tagged ones. Ids are given in order
 * from 0. Thread-safe: lookups of known names take no lock; additions and pattern walks share a
 * read-write lock.
 */
public final class SeriesIndex {
    private final ConcurrentHashMap<String, Integer> idsByName = new ConcurrentHashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final PathTrie trie = new PathTrie();
    private final Map<String, Map<String, TreeSet<String>>> tagged = new TreeMap<>();
    private final List<String> taggedNames = new ArrayList<>();
    private volatile String[] namesById = new String[1024];
    private int size;

    /** The id of a normalised name if it is known. */
    public Optional<Integer> id(String normalizedName) {
        return Optional.ofNullable(idsByName.get(normalizedName));
    }

    /** The id of a normalised name, added with the next id when new; {@code listener} hears of additions. */
    public int idOrAdd(String normalizedName, AdditionListener listener) {
        Integer known = idsByName.get(normalizedName);
        if (known != null) {
            return known;
        }
        lock.writeLock().lock();
        try {
            known = idsByName.get(normalizedName);
            if (known != null) {
                return known;
            }
            int id = size;
            listener.adding(id, normalizedName);
            put(id, normalizedName);
            return id;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Adds a series with a known id (when the store reopens); ids may come in any order. */
    public void restore(int id, String normalizedName) {
        lock.writeLock().lock();
        try {
            put(id, normalizedName);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void put(int id, String name) {
        if (id >= namesById.length) {
            namesById = Arrays.copyOf(namesById, Math.max(id + 1, namesById.length * 2));
        }
        namesById[id] = name;
        size = Math.max(size, id + 1);
        if (SeriesNames.isTagged(name)) {
            taggedNames.add(name);
            for (Map.Entry<String, String> tag : SeriesNames.tags(name).entrySet()) {
                tagged.computeIfAbsent(tag.getKey(), key -> new TreeMap<>())
                        .computeIfAbsent(tag.getValue(), key -> new TreeSet<>())
                        .add(name);
            }
        } else {
            trie.add(SeriesNames.nodes(name));
        }
        idsByName.put(name, id);
    }

    /** The name of an id given by this index. */
    public String name(int id) {
        String name = id < namesById.length ? namesById[id] : null;
        if (name == null) {
            throw new IllegalArgumentException("no series with id " + id);
        }
        return name;
    }

    /** One past the highest id. */
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Nodes (branches and leaves) matching a dotted Graphite pattern, in path order. */
    public List<PathMatch> find(String pattern) {
        List<GlobPattern> nodes = GlobPattern.ofPath(pattern);
        lock.readLock().lock();
        try {
            return trie.find(nodes).stream()
                    .map(match -> new PathMatch(match.path(), match.leaf(), match.branch()))
                    .toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Tagged series matching all expressions, sorted; at least one must select on its own. */
    public List<String> findTagged(List<TagExpression> expressions) {
        if (expressions.stream().allMatch(TagExpression::matchesEmpty)) {
            throw new IllegalArgumentException(
                    "seriesByTag needs at least one expression that does not match an empty value");
        }
        lock.readLock().lock();
        try {
            TreeSet<String> result = new TreeSet<>();
            for (String name : candidates(expressions)) {
                Map<String, String> tags = SeriesNames.tags(name);
                if (expressions.stream().allMatch(e -> e.matches(tags.getOrDefault(e.tag(), "")))) {
                    result.add(name);
                }
            }
            return List.copyOf(result);
        } finally {
            lock.readLock().unlock();
        }
    }

    private Iterable<String> candidates(List<TagExpression> expressions) {
        for (TagExpression expression : expressions) {
            if (expression.operator() == TagExpression.Operator.EQUAL
                    && !expression.value().isEmpty()) {
                Map<String, TreeSet<String>> values = tagged.get(expression.tag());
                TreeSet<String> names = values == null ? null : values.get(expression.value());
                return names == null ? List.of() : names;
            }
        }
        return taggedNames;
    }

    /** Tag names, sorted, starting with the prefix. */
    public List<String> tagNames(String prefix, int limit) {
        lock.readLock().lock();
        try {
            return tagged.keySet().stream()
                    .filter(tag -> tag.startsWith(prefix))
                    .limit(limit)
                    .toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Values of one tag, sorted, starting with the prefix. */
    public List<String> tagValues(String tag, String prefix, int limit) {
        lock.readLock().lock();
        try {
            Map<String, TreeSet<String>> values = tagged.getOrDefault(tag, Map.of());
            return values.keySet().stream()
                    .filter(value -> value.startsWith(prefix))
                    .limit(limit)
                    .toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Called under the index's lock before a new series becomes visible, to log it durably. */
    @FunctionalInterface
    public interface AdditionListener {
        void adding(int id, String normalizedName);
    }

    /** A find result. */
    public record PathMatch(String path, boolean leaf, boolean branch) {}
}
