package io.calamari.tsdb.query.function;

import static io.calamari.tsdb.query.function.Parameter.multiple;
import static io.calamari.tsdb.query.function.Parameter.optional;
import static io.calamari.tsdb.query.function.Parameter.required;
import static io.calamari.tsdb.query.function.ParameterType.AGGREGATION_FUNCTION;
import static io.calamari.tsdb.query.function.ParameterType.ANY;
import static io.calamari.tsdb.query.function.ParameterType.FLOAT;
import static io.calamari.tsdb.query.function.ParameterType.NODE_OR_TAG;
import static io.calamari.tsdb.query.function.ParameterType.SERIES_LIST;

import io.calamari.tsdb.query.PythonFormat;
import io.calamari.tsdb.query.QueryException;
import io.calamari.tsdb.query.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The "Combine" group: aggregates of many series into one, divideSeries, asPercent. Stateless. */
final class CombineFunctions {
    private CombineFunctions() {}

    static List<FunctionDefinition> definitions() {
        List<FunctionDefinition> definitions = new ArrayList<>();
        definitions.add(new FunctionDefinition(
                "aggregate",
                "Combine",
                "Aggregates series using the given function (sum, average, median, min, max, ...).",
                List.of(
                        required("seriesList", SERIES_LIST),
                        required("func", AGGREGATION_FUNCTION).withOptions(Aggregators.NAMES),
                        optional("xFilesFactor", FLOAT, null)),
                arguments -> aggregate(
                        arguments.series("seriesList"),
                        arguments.text("func"),
                        arguments.optionalNumber("xFilesFactor"),
                        arguments.context().xFilesFactor())));
        shorthand(definitions, "sumSeries", "sum", "Adds series together point by point.");
        shorthand(definitions, "sum", "sum", "Alias of sumSeries.");
        shorthand(definitions, "averageSeries", "average", "Averages series point by point.");
        shorthand(definitions, "avg", "average", "Alias of averageSeries.");
        shorthand(definitions, "maxSeries", "max", "The maximum of the series at each point.");
        shorthand(definitions, "minSeries", "min", "The minimum of the series at each point.");
        shorthand(definitions, "diffSeries", "diff", "Subtracts the other series from the first one.");
        shorthand(definitions, "multiplySeries", "multiply", "Multiplies series point by point.");
        definitions.add(new FunctionDefinition(
                "divideSeries",
                "Combine",
                "Divides each series of the dividends by the single divisor series.",
                List.of(required("dividendSeriesList", SERIES_LIST), required("divisorSeries", SERIES_LIST)),
                arguments -> divide(
                        arguments.series("dividendSeriesList"),
                        arguments.series("divisorSeries"),
                        arguments.context().xFilesFactor())));
        definitions.add(new FunctionDefinition(
                "asPercent",
                "Combine",
                "Each series as a percentage of a total (the sum of all, a number, or series).",
                List.of(
                        required("seriesList", SERIES_LIST),
                        optional("total", ANY, null),
                        multiple("nodes", NODE_OR_TAG, false)),
                PercentFunction::asPercent));
        return definitions;
    }

    private static void shorthand(List<FunctionDefinition> definitions, String name, String function, String text) {
        definitions.add(new FunctionDefinition(
                name, "Combine", text, List.of(multiple("seriesLists", SERIES_LIST, true)), arguments -> {
                    List<TimeSeries> all = arguments.allSeries("seriesLists");
                    // graphite-web keeps a lone series as it is for multiplySeries (legacy behaviour)
                    if (function.equals("multiply")
                            && arguments.multiple("seriesLists").size() == 1
                            && all.size() == 1) {
                        return all;
                    }
                    return aggregate(all, function, null, arguments.context().xFilesFactor());
                }));
    }

    static List<TimeSeries> aggregate(
            List<TimeSeries> series, String function, @Nullable Double xFilesFactor, double defaultXFilesFactor) {
        if (!Aggregators.isKnown(
                function.endsWith("Series") ? function.substring(0, function.length() - 6) : function)) {
            throw new QueryException("Unsupported aggregation function: " + function);
        }
        String shortName = function.endsWith("Series") ? function.substring(0, function.length() - 6) : function;
        if (series.isEmpty()) {
            return List.of();
        }
        Normalized normalized = Normalized.of(series);
        double xff = xFilesFactor != null ? xFilesFactor : defaultXFilesFactor;
        double[] values = new double[normalized.length()];
        double[] row = new double[series.size()];
        for (int i = 0; i < values.length; i++) {
            normalized.row(i, row);
            int known = 0;
            for (double value : row) {
                known += Double.isNaN(value) ? 0 : 1;
            }
            values[i] =
                    known > 0 && (double) known / row.length >= xff ? Aggregators.apply(shortName, row) : Double.NaN;
        }
        String name = shortName + "Series(" + Normalized.pathExpressions(series) + ")";
        Map<String, String> tags = Normalized.commonTags(series);
        tags.putIfAbsent("name", name);
        tags.put("aggregatedBy", shortName);
        TimeSeries result = TimeSeries.of(name, normalized.start(), normalized.end(), normalized.step(), values, xff);
        return List.of(result.withNameAndTags(name, tags));
    }

    private static List<TimeSeries> divide(List<TimeSeries> dividends, List<TimeSeries> divisors, double xff) {
        if (divisors.isEmpty()) {
            List<TimeSeries> missing = new ArrayList<>();
            for (TimeSeries series : dividends) {
                String name = "divideSeries(" + series.name() + ",MISSING)";
                double[] nothing = new double[series.values().length];
                java.util.Arrays.fill(nothing, Double.NaN);
                missing.add(series.withName(name).withPathExpression(name).withValues(nothing));
            }
            return missing;
        }
        if (divisors.size() > 1) {
            throw new QueryException(
                    "divideSeries second argument must reference exactly 1 series (got " + divisors.size() + ")");
        }
        List<TimeSeries> results = new ArrayList<>();
        for (TimeSeries dividend : dividends) {
            results.add(ratio(dividend, divisors.get(0), "divideSeries", 1, xff));
        }
        return results;
    }

    /** {@code a / b * factor} point by point after normalising the pair (None on a zero divisor). */
    static TimeSeries ratio(TimeSeries dividend, TimeSeries divisor, String function, double factor, double xff) {
        Normalized pair = Normalized.of(List.of(dividend, divisor));
        double[] values = new double[pair.length()];
        for (int i = 0; i < values.length; i++) {
            double a = pair.value(0, i);
            double b = pair.value(1, i);
            values[i] =
                    Double.isNaN(a) || Double.isNaN(b) || b == 0 ? Double.NaN : factor == 1 ? a / b : a / b * factor;
        }
        String name = function + "(" + dividend.name() + "," + divisor.name() + ")";
        return TimeSeries.of(name, pair.start(), pair.end(), pair.step(), values, xff);
    }

    static String str(@Nullable Object value) {
        return value == null ? "None" : PythonFormat.str(value);
    }
}
