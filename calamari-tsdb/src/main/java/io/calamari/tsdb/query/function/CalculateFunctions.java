package io.calamari.tsdb.query.function;

import static io.calamari.tsdb.query.function.Parameter.optional;
import static io.calamari.tsdb.query.function.Parameter.required;
import static io.calamari.tsdb.query.function.ParameterType.FLOAT;
import static io.calamari.tsdb.query.function.ParameterType.INTEGER_OR_INTERVAL;
import static io.calamari.tsdb.query.function.ParameterType.SERIES_LIST;

import io.calamari.tsdb.query.AtTime;
import io.calamari.tsdb.query.EvaluationContext;
import io.calamari.tsdb.query.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * The "Calculate" group: moving windows. Like graphite-web they evaluate their series again from
 * one window earlier, so the first point already has a whole window behind it. Stateless.
 */
final class CalculateFunctions {
    private CalculateFunctions() {}

    static List<FunctionDefinition> definitions() {
        List<FunctionDefinition> list = new ArrayList<>();
        for (String function : List.of("average", "sum", "min", "max", "median")) {
            String name = "moving" + Character.toUpperCase(function.charAt(0)) + function.substring(1);
            list.add(new FunctionDefinition(
                    name,
                    "Calculate",
                    "The " + function + " of the preceding window (a point count or a time such as '5min').",
                    List.of(
                            required("seriesList", SERIES_LIST),
                            required("windowSize", INTEGER_OR_INTERVAL)
                                    .withSuggestions(5, 7, 10, "1min", "5min", "10min", "30min", "1hour"),
                            optional("xFilesFactor", FLOAT, null)),
                    arguments -> moving(arguments, name, function)));
        }
        return list;
    }

    private static List<TimeSeries> moving(Arguments a, String name, String function) {
        List<TimeSeries> original = a.series("seriesList");
        if (original.isEmpty()) {
            return List.of();
        }
        Object window = java.util.Objects.requireNonNull(a.value("windowSize"), "windowSize");
        boolean byTime = window instanceof String;
        long previewSeconds;
        if (byTime) {
            previewSeconds = Math.abs(AtTime.parseOffset((String) window));
        } else {
            long maxStep = original.stream().mapToLong(TimeSeries::step).max().orElse(1);
            previewSeconds = maxStep * ((Number) window).longValue();
        }
        Double xFilesFactor = a.optionalNumber("xFilesFactor");
        EvaluationContext context = a.context();
        List<TimeSeries> out = new ArrayList<>();
        for (TimeSeries s :
                a.reevaluate("seriesList", context.withRange(context.from() - previewSeconds, context.until()))) {
            String windowText = byTime ? "\"" + window + "\"" : String.valueOf(((Number) window).longValue());
            String newName = name + "(" + s.name() + "," + windowText + ")";
            int windowPoints = (int) (byTime ? previewSeconds / s.step() : ((Number) window).longValue());
            double[] values = s.readValues();
            double xff = xFilesFactor != null ? xFilesFactor : s.xFilesFactor();
            int length = Math.max(0, values.length - windowPoints);
            double[] result = new double[length];
            for (int i = windowPoints; i < values.length; i++) {
                int known = 0;
                for (int j = i - windowPoints; j < i; j++) {
                    known += Double.isNaN(values[j]) ? 0 : 1;
                }
                result[i - windowPoints] = known > 0 && (double) known / windowPoints >= xff
                        ? Aggregators.apply(function, values, i - windowPoints, windowPoints)
                        : Double.NaN;
            }
            String tagValue = byTime ? (String) window : String.valueOf(((Number) window).longValue());
            out.add(s.withNameAndTag(newName, name, tagValue)
                    .withTimes(s.start() + previewSeconds, s.end(), s.step(), result)
                    .withPathExpression(newName)
                    .withConsolidation(s.consolidationFunc(), 1));
        }
        return out;
    }
}
