package io.calamari.tsdb.query.function;

import io.calamari.tsdb.query.EvaluationContext;
import io.calamari.tsdb.query.QueryException;
import io.calamari.tsdb.query.TimeSeries;
import io.calamari.tsdb.query.expression.Expression;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Every render function by name. The same definitions bind a call's arguments (so a call is
 * checked against what {@code /functions} says) and describe the functions, so the two cannot
 * drift. Immutable after construction; thread-safe.
 */
public final class FunctionRegistry {
    private final Map<String, FunctionDefinition> functions;

    private FunctionRegistry(Map<String, FunctionDefinition> functions) {
        this.functions = Map.copyOf(functions);
    }

    /** All of Calamari's render functions. */
    public static FunctionRegistry standard() {
        Map<String, FunctionDefinition> functions = new HashMap<>();
        for (List<FunctionDefinition> group : List.of(
                CombineFunctions.definitions(),
                TransformFunctions.definitions(),
                CalculateFunctions.definitions(),
                FilterFunctions.definitions(),
                AliasFunctions.definitions(),
                GroupFunctions.definitions())) {
            for (FunctionDefinition definition : group) {
                if (functions.put(definition.name(), definition) != null) {
                    throw new IllegalStateException("function registered twice: " + definition.name());
                }
            }
        }
        return new FunctionRegistry(functions);
    }

    public Optional<FunctionDefinition> find(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    /** The definitions sorted by name, for the {@code /functions} index. */
    public Collection<FunctionDefinition> definitions() {
        return new TreeMap<>(functions).values();
    }

    /** Binds and converts a call's arguments, evaluating series arguments with {@code evaluator}. */
    public Arguments bind(
            Expression.Call call,
            EvaluationContext context,
            BiFunction<Expression, EvaluationContext, List<TimeSeries>> evaluator) {
        FunctionDefinition definition = find(call.function())
                .orElseThrow(() -> new QueryException("Received request for unknown function: " + call.function()));
        List<Parameter> parameters = definition.parameters();
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        Map<String, Expression> expressions = new HashMap<>();
        List<Expression> positional = call.arguments();
        int index = 0;
        for (Parameter parameter : parameters) {
            if (parameter.multiple()) {
                List<Object> rest = new ArrayList<>();
                for (; index < positional.size(); index++) {
                    rest.add(convert(definition, parameter, positional.get(index), context, evaluator));
                }
                values.put(parameter.name(), rest);
                if (rest.isEmpty() && parameter.required()) {
                    throw missing(definition, parameter);
                }
            } else if (index < positional.size()) {
                expressions.put(parameter.name(), positional.get(index));
                values.put(
                        parameter.name(), convert(definition, parameter, positional.get(index++), context, evaluator));
            }
        }
        if (index < positional.size()) {
            throw new QueryException(definition.name() + "() takes at most " + parameters.size() + " arguments");
        }
        for (Map.Entry<String, Expression> keyword : call.keywords().entrySet()) {
            Parameter parameter = parameters.stream()
                    .filter(p -> p.name().equals(keyword.getKey()))
                    .findFirst()
                    .orElseThrow(() -> new QueryException(
                            definition.name() + "() got an unexpected keyword argument '" + keyword.getKey() + "'"));
            if (values.containsKey(parameter.name())) {
                throw new QueryException(
                        definition.name() + "() got multiple values for argument '" + parameter.name() + "'");
            }
            expressions.put(parameter.name(), keyword.getValue());
            values.put(parameter.name(), convert(definition, parameter, keyword.getValue(), context, evaluator));
        }
        for (Parameter parameter : parameters) {
            if (!values.containsKey(parameter.name())) {
                if (parameter.required()) {
                    throw missing(definition, parameter);
                }
                values.put(parameter.name(), parameter.defaultValue());
            }
        }
        return new Arguments(definition.name(), values, expressions, context, evaluator);
    }

    private static QueryException missing(FunctionDefinition definition, Parameter parameter) {
        return new QueryException(definition.name() + "() missing required argument '" + parameter.name() + "'");
    }

    private static @Nullable Object convert(
            FunctionDefinition definition,
            Parameter parameter,
            Expression argument,
            EvaluationContext context,
            BiFunction<Expression, EvaluationContext, List<TimeSeries>> evaluator) {
        if (argument instanceof Expression.None) {
            if (parameter.required() || parameter.multiple()) {
                throw new QueryException(definition.name() + "(): argument '" + parameter.name() + "' cannot be None");
            }
            return null;
        }
        Object value;
        if (argument instanceof Expression.Path || argument instanceof Expression.Call) {
            value = evaluator.apply(argument, context);
        } else if (argument instanceof Expression.Text text) {
            value = text.value();
        } else if (argument instanceof Expression.Numeral number) {
            value = number.integer() ? (Object) (long) number.value() : (Object) number.value();
        } else {
            value = ((Expression.Bool) argument).value();
        }
        String where = definition.name() + "(): argument '" + parameter.name() + "'";
        return switch (parameter.type()) {
            case SERIES_LIST -> require(value instanceof List, value, where + " must be a series list");
            case INTEGER_OR_INFINITY ->
                value instanceof Number number ? (Object) number.doubleValue() : fail(where + " must be a number");
            case INTEGER ->
                value instanceof Number number
                        ? (Object) (long) number.doubleValue()
                        : fail(where + " must be an integer");
            case FLOAT ->
                value instanceof Number number ? (Object) number.doubleValue() : fail(where + " must be a number");
            case BOOLEAN -> value instanceof Boolean ? value : fail(where + " must be true or false");
            case STRING, INTERVAL, TAG -> value instanceof String ? value : fail(where + " must be a string");
            case AGGREGATION_FUNCTION, AGGREGATION_OR_SERIES_FUNCTION -> checkOption(value, where);
            case NODE_OR_TAG, INTEGER_OR_INTERVAL ->
                value instanceof Number || value instanceof String
                        ? value
                        : fail(where + " must be a number or a string");
            case ANY -> value;
        };
    }

    private static Object checkOption(Object value, String where) {
        if (!(value instanceof String text)) {
            return fail(where + " must be a string");
        }
        // options are not enforced: graphite-web only logs such a mismatch (ENFORCE_INPUT_VALIDATION
        // is off) and lets the function decide, so groupByNode(x, 1, 'medianSeries') works
        return text;
    }

    private static Object require(boolean condition, Object value, String message) {
        return condition ? value : fail(message);
    }

    private static Object fail(String message) {
        throw new QueryException(message);
    }
}
