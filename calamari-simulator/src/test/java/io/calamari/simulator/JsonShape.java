package io.calamari.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The shape of a JSON document: at every path, the JSON types seen there and, for objects, the
 * shapes of their fields; an array's elements merge into one shape (the union of their keys), so
 * two documents of different sizes compare. Numbers are one type: Ceph prints a float that happens
 * to be integral without a fraction ({@code "reweight": 1}), so integer and float cannot be told
 * apart reliably. Mutable while built, then only read.
 */
final class JsonShape {
    private final Set<String> types = new TreeSet<>();
    private final Map<String, JsonShape> fields = new TreeMap<>();
    private @Nullable JsonShape elements;

    static JsonShape of(JsonNode node) {
        JsonShape shape = new JsonShape();
        shape.add(node);
        return shape;
    }

    private void add(JsonNode node) {
        types.add(typeOf(node));
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                fields.computeIfAbsent(field.getKey(), key -> new JsonShape()).add(field.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (elements == null) {
                    elements = new JsonShape();
                }
                elements.add(element);
            }
        }
    }

    private static String typeOf(JsonNode node) {
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isString()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return "null";
    }

    /** This shape with an object's fields folded into one: for objects whose keys are names, not fields. */
    private JsonShape valuesMerged() {
        JsonShape merged = new JsonShape();
        for (JsonShape value : fields.values()) {
            merged.merge(value);
        }
        return merged;
    }

    private void merge(JsonShape other) {
        types.addAll(other.types);
        other.fields.forEach((key, value) ->
                fields.computeIfAbsent(key, name -> new JsonShape()).merge(value));
        if (other.elements != null) {
            if (elements == null) {
                elements = new JsonShape();
            }
            elements.merge(other.elements);
        }
    }

    /**
     * Where {@code actual} differs from this (expected) shape, as readable lines. {@code namedKeys}
     * are the paths of objects keyed by names (pool applications, health check codes...): their
     * values are compared as one merged shape. {@code fewerKeys} are paths where {@code actual} may
     * lack keys the expected shape has (but has no others). An empty array on either side matches
     * any elements.
     */
    List<String> differences(JsonShape actual, Set<String> namedKeys, Set<String> fewerKeys) {
        return differences(actual, namedKeys, fewerKeys, Set.of());
    }

    /**
     * As {@link #differences(JsonShape, Set, Set)}, where keys named in {@code conditionalKeys} may
     * be on one side only, at any path: Ceph writes them only when their value is not zero (client
     * IO and recovery rates, degraded and misplaced objects), so an idle lab and a busy simulator
     * differ in them by design. Where both sides have one, its type is compared.
     */
    List<String> differences(
            JsonShape actual, Set<String> namedKeys, Set<String> fewerKeys, Set<String> conditionalKeys) {
        List<String> found = new ArrayList<>();
        compare("$", this, actual, new Rules(namedKeys, fewerKeys, conditionalKeys), found);
        return found;
    }

    private record Rules(Set<String> namedKeys, Set<String> fewerKeys, Set<String> conditionalKeys) {}

    private static void compare(String path, JsonShape expected, JsonShape actual, Rules rules, List<String> found) {
        if (!expected.types.equals(actual.types)) {
            found.add(path + ": expected " + expected.types + " but was " + actual.types);
            return;
        }
        if (rules.namedKeys().contains(path)) {
            if (!expected.fields.isEmpty() && !actual.fields.isEmpty()) {
                compare(path + ".*", expected.valuesMerged(), actual.valuesMerged(), rules, found);
            }
        } else {
            Set<String> missing = new TreeSet<>(expected.fields.keySet());
            missing.removeAll(actual.fields.keySet());
            missing.removeAll(rules.conditionalKeys());
            Set<String> extra = new TreeSet<>(actual.fields.keySet());
            extra.removeAll(expected.fields.keySet());
            extra.removeAll(rules.conditionalKeys());
            if (!missing.isEmpty() && !rules.fewerKeys().contains(path)) {
                found.add(path + ": missing keys " + missing);
            }
            if (!extra.isEmpty()) {
                found.add(path + ": unexpected keys " + extra);
            }
            for (Map.Entry<String, JsonShape> field : expected.fields.entrySet()) {
                JsonShape other = actual.fields.get(field.getKey());
                if (other != null) {
                    compare(path + "." + field.getKey(), field.getValue(), other, rules, found);
                }
            }
        }
        if (expected.elements != null && actual.elements != null) {
            compare(path + "[]", expected.elements, actual.elements, rules, found);
        }
    }
}
