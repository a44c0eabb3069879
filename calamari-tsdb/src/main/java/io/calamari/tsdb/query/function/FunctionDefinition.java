package io.calamari.tsdb.query.function;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A registered render function: its graphite-web name, group and description for the {@code
 * /functions} index, its parameters (which also drive argument binding) and its body. Immutable.
 */
public record FunctionDefinition(
        String name, String group, String description, List<Parameter> parameters, RenderFunction body) {
    public FunctionDefinition {
        requireNonNull(name, "name");
        requireNonNull(group, "group");
        requireNonNull(description, "description");
        parameters = List.copyOf(parameters);
        requireNonNull(body, "body");
    }

    /** A function whose first parameter is the required {@code seriesList}, then {@code extra}. */
    static FunctionDefinition onSeriesList(
            String group, String name, String description, List<Parameter> extra, RenderFunction body) {
        List<Parameter> parameters = new ArrayList<>();
        parameters.add(Parameter.required("seriesList", ParameterType.SERIES_LIST));
        parameters.addAll(extra);
        return new FunctionDefinition(name, group, description, parameters, body);
    }
}
