package io.calamari.tsdb.query.function;

import static io.calamari.tsdb.query.function.Parameter.optional;
import static io.calamari.tsdb.query.function.Parameter.required;
import static io.calamari.tsdb.query.function.ParameterType.AGGREGATION_FUNCTION;
import static io.calamari.tsdb.query.function.ParameterType.BOOLEAN;
import static io.calamari.tsdb.query.function.ParameterType.FLOAT;
import static io.calamari.tsdb.query.function.ParameterType.INTEGER_OR_INFINITY;
import static io.calamari.tsdb.query.function.ParameterType.INTERVAL;
import static io.calamari.tsdb.query.function.ParameterType.SERIES_LIST;
import static io.calamari.tsdb.query.function.ParameterType.STRING;

import io.calamari.tsdb.query.AtTime;
import io.calamari.tsdb.query.EvaluationContext;
import io.calamari.tsdb.query.PythonFormat;
import io.calamari.tsdb.query.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** The "Transform" group: per-series arithmetic, derivatives, nulls, time shifts, summarize. Stateless. */
final class TransformFunctions {
    private TransformFunctions() {}

    static List<FunctionDefinition> definitions() {
        List<FunctionDefinition> list = new ArrayList<>(CounterFunctions.definitions());
        list.add(define("scale", "Multiplies each value by a constant.", List.of(required("factor", FLOAT)), a -> {
            double factor = a.number("factor");
            return map(
                    a,
                    "scale",
                    PythonFormat.str(factor),
                    s -> "scale(" + s.name() + "," + PythonFormat.g(factor) + ")",
                    v -> v * factor);
        }));
        list.add(define("offset", "Adds a constant to each value.", List.of(required("factor", FLOAT)), a -> {
            double factor = a.number("factor");
            return map(
                    a,
                    "offset",
                    PythonFormat.repr(factor),
                    s -> "offset(" + s.name() + "," + PythonFormat.g(factor) + ")",
                    v -> v + factor);
        }));
        list.add(define(
                "absolute",
                "The absolute value of each point.",
                List.of(),
                a -> map(a, "absolute", "1", s -> "absolute(" + s.name() + ")", Math::abs)));
        list.add(define(
                "transformNull",
                "Replaces None with a default value (only where a reference series has a value, if given).",
                List.of(optional("default", FLOAT, 0L), optional("referenceSeries", SERIES_LIST, null)),
                TransformFunctions::transformNull));
        list.add(define(
                "keepLastValue",
                "Repeats the last value over up to limit missing points.",
                List.of(optional("limit", INTEGER_OR_INFINITY, Double.POSITIVE_INFINITY)),
                a -> {
                    double limit = a.number("limit");
                    List<TimeSeries> out = new ArrayList<>();
                    for (TimeSeries s : a.series("seriesList")) {
                        String name = "keepLastValue(" + s.name() + ")";
                        out.add(s.withName(name).withPathExpression(name).withValues(keepLast(s.readValues(), limit)));
                    }
                    return out;
                }));
        list.add(FunctionDefinition.onSeriesList(
                "Special",
                "consolidateBy",
                "Sets the function used when points are consolidated for display.",
                List.of(required("consolidationFunc", STRING)
                        .withOptions(List.of("sum", "average", "avg", "avg_zero", "min", "max", "first", "last"))),
                a -> {
                    // an unknown function fails only when points are consolidated, as in graphite-web
                    String function = a.text("consolidationFunc");
                    List<TimeSeries> out = new ArrayList<>();
                    for (TimeSeries s : a.series("seriesList")) {
                        String name = "consolidateBy(" + s.name() + ",\"" + function + "\")";
                        out.add(s.withNameAndTag(name, "consolidateBy", function)
                                .withConsolidation(function, s.valuesPerPoint())
                                .withPathExpression(name));
                    }
                    return out;
                }));
        list.add(define(
                "timeShift",
                "Draws the series shifted in time (back by default).",
                List.of(
                        required("timeShift", INTERVAL)
                                .withSuggestions("1h", "6h", "12h", "1d", "2d", "7d", "14d", "30d"),
                        optional("resetEnd", BOOLEAN, true),
                        optional("alignDst", BOOLEAN, false)),
                TransformFunctions::timeShift));
        list.add(define(
                "summarize",
                "Summarises the series into buckets of a fixed interval.",
                List.of(
                        required("intervalString", INTERVAL).withSuggestions("10min", "1h", "1d"),
                        optional("func", AGGREGATION_FUNCTION, "sum").withOptions(Aggregators.NAMES),
                        optional("alignToFrom", BOOLEAN, false)),
                Summarize::summarize));
        return list;
    }

    private static FunctionDefinition define(
            String name, String description, List<Parameter> extra, RenderFunction body) {
        return FunctionDefinition.onSeriesList("Transform", name, description, extra, body);
    }

    private static List<TimeSeries> map(
            Arguments a,
            String tag,
            String tagValue,
            java.util.function.Function<TimeSeries, String> naming,
            DoubleUnaryOperator operator) {
        return rewrite(a, tag, tagValue, naming, values -> {
            double[] out = new double[values.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = Double.isNaN(values[i]) ? Double.NaN : operator.applyAsDouble(values[i]);
            }
            return out;
        });
    }

    /** Applies a values-to-values function to every series, renaming and tagging as graphite-web does. */
    static List<TimeSeries> rewrite(
            Arguments a,
            String tag,
            String tagValue,
            java.util.function.Function<TimeSeries, String> naming,
            java.util.function.UnaryOperator<double[]> body) {
        List<TimeSeries> out = new ArrayList<>();
        for (TimeSeries s : a.series("seriesList")) {
            String name = naming.apply(s);
            double[] values = body.apply(s.readValues());
            out.add(s.withNameAndTag(name, tag, tagValue)
                    .withValues(values)
                    .withPathExpression(name)
                    .withConsolidation(s.consolidationFunc(), 1));
        }
        return out;
    }

    /** Replaces None, with a reference list only where some reference series has a value (zip longest). */
    private static List<TimeSeries> transformNull(Arguments a) {
        double replacement = a.number("default");
        List<TimeSeries> references = a.series("referenceSeries");
        String tag = CombineFunctions.str(a.value("default"));
        int referenceLength = 0;
        for (TimeSeries reference : references) {
            referenceLength = Math.max(referenceLength, reference.readValues().length);
        }
        double[] defaults = new double[referenceLength];
        java.util.Arrays.fill(defaults, Double.NaN);
        for (TimeSeries reference : references) {
            double[] values = reference.readValues();
            for (int i = 0; i < values.length; i++) {
                defaults[i] = Double.isNaN(values[i]) ? defaults[i] : replacement;
            }
        }
        List<TimeSeries> out = new ArrayList<>();
        for (TimeSeries s : a.series("seriesList")) {
            double[] values = s.readValues();
            double[] result = new double[Math.max(values.length, defaults.length)];
            for (int i = 0; i < result.length; i++) {
                double value = i < values.length ? values[i] : Double.NaN;
                double fallback = references.isEmpty() ? replacement : i < defaults.length ? defaults[i] : Double.NaN;
                result[i] = Double.isNaN(value) ? fallback : value;
            }
            String name = "transformNull(" + s.name() + "," + PythonFormat.g(replacement)
                    + (references.isEmpty() ? ")" : ",referenceSeries)");
            TimeSeries tagged = s.withNameAndTag(name, "transformNull", tag);
            if (!references.isEmpty()) {
                tagged = tagged.withNameAndTag(name, "referenceSeries", "1");
            }
            out.add(tagged.withValues(result).withPathExpression(name).withConsolidation(s.consolidationFunc(), 1));
        }
        return out;
    }

    private static double[] keepLast(double[] values, double limit) {
        double[] out = values.clone();
        int nones = 0;
        double last = Double.NaN;
        for (int i = 0; i <= out.length; i++) {
            if (i < out.length && Double.isNaN(out[i])) {
                nones++;
                continue;
            }
            if (nones > 0 && nones <= limit && !Double.isNaN(last)) {
                for (int j = i - nones; j < i; j++) {
                    out[j] = last;
                }
            }
            nones = 0;
            if (i < out.length) {
                last = out[i];
            }
        }
        return out;
    }

    private static List<TimeSeries> timeShift(Arguments a) {
        String shift = a.text("timeShift");
        if (!shift.isEmpty() && Character.isDigit(shift.charAt(0))) {
            shift = "-" + shift;
        }
        long delta = AtTime.parseOffset(shift);
        List<TimeSeries> original = a.series("seriesList");
        if (original.isEmpty()) {
            return List.of();
        }
        TimeSeries first = original.get(0);
        EvaluationContext context = a.context();
        List<TimeSeries> out = new ArrayList<>();
        for (TimeSeries s :
                a.reevaluate("seriesList", context.withRange(context.from() + delta, context.until() + delta))) {
            String name = "timeShift(" + s.name() + ", \"" + shift + "\")";
            long end = a.bool("resetEnd") ? first.end() : s.end() - s.start() + first.start();
            out.add(s.withNameAndTag(name, "timeShift", shift).withTimes(first.start(), end, s.step(), s.values()));
        }
        return out;
    }
}
