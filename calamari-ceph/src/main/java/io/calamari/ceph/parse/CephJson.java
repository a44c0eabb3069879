package io.calamari.ceph.parse;

import static java.util.Objects.requireNonNull;

import io.calamari.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lenient field access over a Jackson tree for one Ceph command: every accessor takes the
 * alternative names a field has had across Ceph releases, the first present one wins. Numbers
 * written as strings (Ceph prints some counters that way) are accepted. Immutable and thread-safe.
 */
final class CephJson {
    private static final JsonMapper MAPPER = Json.newMapper();

    private final String command;

    CephJson(String command) {
        this.command = requireNonNull(command, "command");
    }

    static JsonMapper mapper() {
        return MAPPER;
    }

    String command() {
        return command;
    }

    /** Reads a whole document; an unreadable one becomes a {@link CephParseException}. */
    JsonNode read(byte[] json) {
        requireNonNull(json, "json");
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new CephParseException(command, "not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    CephParseException failure(String problem) {
        return new CephParseException(command, problem);
    }

    /** The first of {@code names} present with a non-null value, if any. */
    static Optional<JsonNode> first(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull() && !value.isMissingNode()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    JsonNode requireObject(JsonNode node, String what) {
        if (!node.isObject()) {
            throw failure("expected " + what + " to be a JSON object");
        }
        return node;
    }

    JsonNode requireField(JsonNode node, String... names) {
        return first(node, names).orElseThrow(() -> failure("missing field '" + names[0] + "'"));
    }

    JsonNode requireArray(JsonNode node, String... names) {
        JsonNode value = requireField(node, names);
        if (!value.isArray()) {
            throw failure("field '" + names[0] + "' is not an array");
        }
        return value;
    }

    /** An array field, or an empty list when absent; present but not an array fails. */
    List<JsonNode> optionalArray(JsonNode node, String... names) {
        Optional<JsonNode> value = first(node, names);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!value.get().isArray()) {
            throw failure("field '" + names[0] + "' is not an array");
        }
        return elements(value.get());
    }

    static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> result = new ArrayList<>(array.size());
        array.forEach(result::add);
        return result;
    }

    long requireLong(JsonNode node, String... names) {
        JsonNode value = requireField(node, names);
        return toLong(value).orElseThrow(() -> failure("field '" + names[0] + "' is not an integer: " + value));
    }

    int requireInt(JsonNode node, String... names) {
        return Math.toIntExact(requireLong(node, names));
    }

    String requireString(JsonNode node, String... names) {
        JsonNode value = requireField(node, names);
        if (value.isContainer()) {
            throw failure("field '" + names[0] + "' is not a scalar");
        }
        return value.asString();
    }

    static long optionalLong(JsonNode node, long defaultValue, String... names) {
        return first(node, names).flatMap(v -> boxed(toLong(v))).orElse(defaultValue);
    }

    static int optionalInt(JsonNode node, int defaultValue, String... names) {
        return (int) optionalLong(node, defaultValue, names);
    }

    static double optionalDouble(JsonNode node, double defaultValue, String... names) {
        Optional<JsonNode> value = first(node, names);
        if (value.isEmpty()) {
            return defaultValue;
        }
        OptionalDouble parsed = toDouble(value.get());
        return parsed.isPresent() ? parsed.getAsDouble() : defaultValue;
    }

    static Optional<String> optionalString(JsonNode node, String... names) {
        return first(node, names).filter(v -> !v.isContainer()).map(JsonNode::asString);
    }

    static String string(JsonNode node, String defaultValue, String... names) {
        return optionalString(node, names).orElse(defaultValue);
    }

    /** Ceph writes booleans as {@code true}, {@code 1} or {@code "true"} depending on the command. */
    static boolean optionalBoolean(JsonNode node, boolean defaultValue, String... names) {
        Optional<JsonNode> value = first(node, names);
        if (value.isEmpty()) {
            return defaultValue;
        }
        JsonNode v = value.get();
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            return v.asLong() != 0;
        }
        if (v.isString()) {
            String text = v.stringValue().trim();
            return text.equalsIgnoreCase("true") || text.equals("1") || text.equalsIgnoreCase("yes");
        }
        return defaultValue;
    }

    static List<Integer> intList(JsonNode node, String... names) {
        List<Integer> result = new ArrayList<>();
        first(node, names).filter(JsonNode::isArray).ifPresent(array -> {
            for (JsonNode element : array) {
                toLong(element).ifPresent(v -> result.add((int) v));
            }
        });
        return result;
    }

    static List<String> stringList(JsonNode node, String... names) {
        List<String> result = new ArrayList<>();
        first(node, names).filter(JsonNode::isArray).ifPresent(array -> {
            for (JsonNode element : array) {
                if (!element.isContainer() && !element.isNull()) {
                    result.add(element.asString());
                }
            }
        });
        return result;
    }

    static List<Map.Entry<String, JsonNode>> properties(JsonNode node) {
        return node.isObject() ? List.copyOf(node.properties()) : List.of();
    }

    static OptionalLong toLong(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return OptionalLong.of(value.longValue());
        }
        if (value.isNumber()) {
            return OptionalLong.of((long) value.doubleValue());
        }
        if (value.isString()) {
            try {
                return OptionalLong.of(Long.parseLong(value.stringValue().trim()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        if (value.isBoolean()) {
            return OptionalLong.of(value.booleanValue() ? 1 : 0);
        }
        return OptionalLong.empty();
    }

    static OptionalDouble toDouble(JsonNode value) {
        if (value.isNumber()) {
            return OptionalDouble.of(value.doubleValue());
        }
        if (value.isString()) {
            try {
                return OptionalDouble.of(Double.parseDouble(value.stringValue().trim()));
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }

    private static Optional<Long> boxed(OptionalLong value) {
        return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
    }
}
