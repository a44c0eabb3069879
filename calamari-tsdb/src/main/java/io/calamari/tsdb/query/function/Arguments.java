package io.calamari.tsdb.query.function;

import io.calamari.tsdb.query.EvaluationContext;
import io.calamari.tsdb.query.QueryException;
import io.calamari.tsdb.query.TimeSeries;
import io.calamari.tsdb.query.expression.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * A call's arguments bound to the function's parameters and already converted to their types
 * (series lists evaluated), plus what functions that re-read data need: the context and a way to
 * evaluate an argument's expression again over another range. Not shared between threads.
 */
public final class Arguments {
    private final String function;
    private final Map<String, @Nullable Object> values;
    private final Map<String, Expression> expressions;
    private final EvaluationContext context;
    private final BiFunction<Expression, EvaluationContext, List<TimeSeries>> evaluator;

    Arguments(
            String function,
            Map<String, @Nullable Object> values,
            Map<String, Expression> expressions,
            EvaluationContext context,
            BiFunction<Expression, EvaluationContext, List<TimeSeries>> evaluator) {
        this.function = function;
        this.values = values;
        this.expressions = expressions;
        this.context = context;
        this.evaluator = evaluator;
    }

    public String function() {
        return function;
    }

    public EvaluationContext context() {
        return context;
    }

    public boolean isPresent(String name) {
        return values.get(name) != null;
    }

    @SuppressWarnings("unchecked")
    public List<TimeSeries> series(String name) {
        Object value = values.get(name);
        return value == null ? List.of() : (List<TimeSeries>) value;
    }

    /** A multiple series-list parameter flattened, as graphite-web's {@code *seriesLists} usually are. */
    @SuppressWarnings("unchecked")
    public List<TimeSeries> allSeries(String name) {
        List<TimeSeries> all = new ArrayList<>();
        for (Object list : multiple(name)) {
            all.addAll((List<TimeSeries>) list);
        }
        return all;
    }

    public List<Object> multiple(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) value;
        return list;
    }

    public double number(String name) {
        Object value = values.get(name);
        if (!(value instanceof java.lang.Number number)) {
            throw new QueryException(function + "(): argument '" + name + "' must be a number");
        }
        return number.doubleValue();
    }

    public @Nullable Double optionalNumber(String name) {
        return values.get(name) == null ? null : number(name);
    }

    public @Nullable Object value(String name) {
        return values.get(name);
    }

    public String text(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new QueryException(function + "(): argument '" + name + "' is required");
        }
        return value.toString();
    }

    public boolean bool(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    /** Evaluates the argument's expression again over another range (movingAverage, timeShift). */
    public List<TimeSeries> reevaluate(String name, EvaluationContext other) {
        Expression expression = expressions.get(name);
        return expression == null ? List.of() : evaluator.apply(expression, other);
    }
}
