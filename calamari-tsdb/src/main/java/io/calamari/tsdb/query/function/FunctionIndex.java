package io.calamari.tsdb.query.function;

import io.calamari.tsdb.query.PythonFormat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code /functions} index in graphite-web's shape, built from the registry that dispatches
 * calls: {@code name → {name, function, description, module, group, params: [{name, type,
 * required, default, multiple, options, suggestions}]}}, optional keys only when set, as
 * graphite-web writes them. An infinite default is the number {@code 1e9999} (graphite-web writes
 * the invalid literal {@code Infinity}, which Grafana rewrites the same way). Stateless.
 */
public final class FunctionIndex {
    private static final BigDecimal INFINITY = new BigDecimal("1e9999");

    private FunctionIndex() {}

    /** The whole index, functions sorted by name; plain maps and lists ready for a JSON mapper. */
    public static Map<String, Object> of(FunctionRegistry registry) {
        Map<String, Object> index = new LinkedHashMap<>();
        for (FunctionDefinition definition : registry.definitions()) {
            index.put(definition.name(), describe(definition));
        }
        return index;
    }

    static Map<String, Object> describe(FunctionDefinition definition) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", definition.name());
        entry.put("function", signature(definition));
        entry.put("description", definition.description());
        entry.put("module", "graphite.render.functions");
        entry.put("group", definition.group());
        List<Object> parameters = new ArrayList<>();
        for (Parameter parameter : definition.parameters()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", parameter.name());
            json.put("type", parameter.type().wireName());
            if (parameter.required()) {
                json.put("required", true);
            }
            if (parameter.defaultValue() != null) {
                json.put("default", jsonValue(parameter.defaultValue()));
            }
            if (parameter.multiple()) {
                json.put("multiple", true);
            }
            if (!parameter.options().isEmpty()) {
                json.put("options", parameter.options().stream().sorted().toList());
            }
            if (!parameter.suggestions().isEmpty()) {
                json.put("suggestions", parameter.suggestions());
            }
            parameters.add(json);
        }
        entry.put("params", parameters);
        return entry;
    }

    /** The Python signature graphite-web shows, e.g. {@code aggregate(seriesList, func, xFilesFactor=None)}. */
    static String signature(FunctionDefinition definition) {
        List<String> parts = new ArrayList<>();
        for (Parameter parameter : definition.parameters()) {
            if (parameter.multiple()) {
                parts.add("*" + parameter.name());
            } else if (parameter.required()) {
                parts.add(parameter.name());
            } else {
                parts.add(parameter.name() + "=" + pythonLiteral(parameter.defaultValue()));
            }
        }
        return definition.name() + "(" + String.join(", ", parts) + ")";
    }

    private static String pythonLiteral(@org.jspecify.annotations.Nullable Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof String text) {
            return "'" + text + "'";
        }
        if (value instanceof Double number && number.isInfinite()) {
            return number > 0 ? "inf" : "-inf";
        }
        return PythonFormat.str(value);
    }

    private static Object jsonValue(Object value) {
        if (value instanceof Double number && number.isInfinite()) {
            return number > 0 ? INFINITY : INFINITY.negate();
        }
        return value;
    }
}
