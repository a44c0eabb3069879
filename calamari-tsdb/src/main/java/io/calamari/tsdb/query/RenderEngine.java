package io.calamari.tsdb.query;

import static java.util.Objects.requireNonNull;

import io.calamari.tsdb.query.expression.Expression;
import io.calamari.tsdb.query.expression.ExpressionParser;
import io.calamari.tsdb.query.function.FunctionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates render targets against a {@link SeriesSource} as graphite-web 1.1.8 does: a path
 * expands to its leaves, each fetched and kept when it exists, ordered by name; {@code
 * seriesByTag} asks the source's tag index; calls bind their arguments through the {@link
 * FunctionRegistry}. Thread-safe (holds only immutable collaborators).
 */
public final class RenderEngine {
    private final SeriesSource source;
    private final FunctionRegistry functions;

    public RenderEngine(SeriesSource source, FunctionRegistry functions) {
        this.source = requireNonNull(source, "source");
        this.functions = requireNonNull(functions, "functions");
    }

    public FunctionRegistry functions() {
        return functions;
    }

    /** The series a request asks for, its times resolved against {@code currentTime} (epoch seconds). */
    public List<TimeSeries> render(RenderRequest request, long currentTime) {
        RenderRequest.TimeRange range = request.timeRange(currentTime);
        return render(request.targets(), range.from(), range.until(), range.now(), request.xFilesFactor());
    }

    /**
     * Every target's series, in target order. Parses all targets first, so a typo fails fast; blank
     * targets are skipped as graphite-web skips them.
     */
    public List<TimeSeries> render(List<String> targets, long from, long until, long now, double xFilesFactor) {
        List<Expression> parsed = new ArrayList<>();
        for (String target : targets) {
            if (!target.isBlank()) {
                parsed.add(ExpressionParser.parse(target));
            }
        }
        EvaluationContext context = new EvaluationContext(source, from, until, now, xFilesFactor);
        List<TimeSeries> result = new ArrayList<>();
        for (Expression expression : parsed) {
            result.addAll(evaluate(expression, context));
        }
        return result;
    }

    /** The series of one expression; literals outside a call are an error. */
    public List<TimeSeries> evaluate(Expression expression, EvaluationContext context) {
        if (expression instanceof Expression.Path path) {
            return fetch(path.path(), context);
        }
        if (expression instanceof Expression.Call call) {
            if (call.function().equals("seriesByTag")) {
                return seriesByTag(call, context);
            }
            return functions
                    .find(call.function())
                    .orElseThrow(() -> new QueryException("Received request for unknown function: " + call.function()))
                    .body()
                    .apply(functions.bind(call, context, this::evaluate));
        }
        throw new QueryException("a target must be a series path or a function call, not " + expression);
    }

    private List<TimeSeries> fetch(String pattern, EvaluationContext context) {
        List<TimeSeries> series = new ArrayList<>();
        for (String name : context.source().expand(pattern)) {
            fetchOne(name, pattern, context).ifPresent(series::add);
        }
        series.sort(java.util.Comparator.comparing(TimeSeries::name));
        return series;
    }

    private Optional<TimeSeries> fetchOne(String name, String pathExpression, EvaluationContext context) {
        return context.source()
                .fetch(name, context.from(), context.until(), context.now())
                .map(fetched -> TimeSeries.of(
                                name,
                                fetched.start(),
                                fetched.end(),
                                fetched.step(),
                                fetched.values(),
                                context.xFilesFactor())
                        .withPathExpression(pathExpression));
    }

    private List<TimeSeries> seriesByTag(Expression.Call call, EvaluationContext context) {
        List<String> expressions = new ArrayList<>();
        StringBuilder pathExpression = new StringBuilder("seriesByTag(");
        for (Expression argument : call.arguments()) {
            if (!(argument instanceof Expression.Text text)) {
                throw new QueryException("seriesByTag(): every argument must be a quoted tag expression");
            }
            if (!expressions.isEmpty()) {
                pathExpression.append(',');
            }
            expressions.add(text.value());
            pathExpression.append(pythonRepr(text.value()));
        }
        if (expressions.isEmpty() || !call.keywords().isEmpty()) {
            throw new QueryException("seriesByTag(): needs at least one tag expression, and no keywords");
        }
        pathExpression.append(')');
        List<TimeSeries> series = new ArrayList<>();
        for (String name : context.source().findTagged(expressions)) {
            fetchOne(name, pathExpression.toString(), context).ifPresent(series::add);
        }
        series.sort(java.util.Comparator.comparing(TimeSeries::name));
        return series;
    }

    /** Python's repr of a string: single quotes unless it contains one and no double quote. */
    private static String pythonRepr(String text) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        String escaped = text.replace("\\", "\\\\");
        if (quote == '\'') {
            escaped = escaped.replace("'", "\\'");
        }
        return quote + escaped + quote;
    }
}
