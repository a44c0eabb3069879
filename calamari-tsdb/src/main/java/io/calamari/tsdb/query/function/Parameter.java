package io.calamari.tsdb.query.function;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One declared parameter of a render function: used both to bind a call's arguments and to
 * describe the function in the {@code /functions} index. {@code defaultValue} is what graphite-web
 * lists (a Java String, Long, Double or Boolean), null when it has none; {@code suggestions} are
 * example values the index offers.
 */
public record Parameter(
        String name,
        ParameterType type,
        boolean required,
        @Nullable Object defaultValue,
        boolean multiple,
        List<String> options,
        List<Object> suggestions) {
    public Parameter {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        options = List.copyOf(options);
        suggestions = List.copyOf(suggestions);
    }

    public static Parameter required(String name, ParameterType type) {
        return new Parameter(name, type, true, null, false, List.of(), List.of());
    }

    public static Parameter optional(String name, ParameterType type, @Nullable Object defaultValue) {
        return new Parameter(name, type, false, defaultValue, false, List.of(), List.of());
    }

    public static Parameter multiple(String name, ParameterType type, boolean required) {
        return new Parameter(name, type, required, null, true, List.of(), List.of());
    }

    public Parameter withOptions(List<String> choices) {
        return new Parameter(name, type, required, defaultValue, multiple, choices, suggestions);
    }

    /** With the values the index offers as examples (graphite-web's suggestions). */
    public Parameter withSuggestions(Object... examples) {
        return new Parameter(name, type, required, defaultValue, multiple, options, List.of(examples));
    }
}
