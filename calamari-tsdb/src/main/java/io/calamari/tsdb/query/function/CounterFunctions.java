package io.calamari.tsdb.query.function;

import static io.calamari.tsdb.query.function.Parameter.optional;
import static io.calamari.tsdb.query.function.ParameterType.FLOAT;

import io.calamari.tsdb.query.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * The "Transform" functions for counters: nonNegativeDerivative and perSecond (with graphite-web's
 * wrap-around for maxValue), derivative and integral. Stateless.
 */
final class CounterFunctions {
    private CounterFunctions() {}

    static List<FunctionDefinition> definitions() {
        List<FunctionDefinition> list = new ArrayList<>();
        list.add(FunctionDefinition.onSeriesList(
                "Transform",
                "nonNegativeDerivative",
                "The per-point increase of a counter, None when it goes down.",
                List.of(optional("maxValue", FLOAT, null), optional("minValue", FLOAT, null)),
                a -> derivatives(a, "nonNegativeDerivative", false)));
        list.add(FunctionDefinition.onSeriesList(
                "Transform",
                "perSecond",
                "The per-second increase of a counter, None when it goes down.",
                List.of(optional("maxValue", FLOAT, null), optional("minValue", FLOAT, null)),
                a -> derivatives(a, "perSecond", true)));
        list.add(FunctionDefinition.onSeriesList(
                "Transform",
                "derivative",
                "The difference between consecutive points.",
                List.of(),
                a -> TransformFunctions.rewrite(a, "derivative", "1", s -> "derivative(" + s.name() + ")", values -> {
                    double[] out = new double[values.length];
                    double previous = Double.NaN;
                    for (int i = 0; i < values.length; i++) {
                        out[i] = values[i] - previous;
                        previous = values[i];
                    }
                    return out;
                })));
        list.add(FunctionDefinition.onSeriesList(
                "Transform",
                "integral",
                "The running sum of the values.",
                List.of(),
                a -> TransformFunctions.rewrite(a, "integral", "1", s -> "integral(" + s.name() + ")", values -> {
                    double[] out = new double[values.length];
                    double current = 0.0;
                    for (int i = 0; i < values.length; i++) {
                        out[i] = Double.isNaN(values[i]) ? Double.NaN : (current += values[i]);
                    }
                    return out;
                })));
        return list;
    }

    private static List<TimeSeries> derivatives(Arguments a, String function, boolean perSecond) {
        Double maxValue = a.optionalNumber("maxValue");
        Double minValue = a.optionalNumber("minValue");
        List<TimeSeries> out = new ArrayList<>();
        for (TimeSeries s : a.series("seriesList")) {
            double[] values = s.readValues();
            double[] result = new double[values.length];
            double previous = Double.NaN;
            for (int i = 0; i < values.length; i++) {
                double value = values[i];
                double delta;
                if ((maxValue != null && value > maxValue) || (minValue != null && value < minValue)) {
                    delta = Double.NaN;
                    value = Double.NaN;
                } else if (Double.isNaN(previous) || Double.isNaN(value)) {
                    delta = Double.NaN;
                } else if (value >= previous) {
                    delta = value - previous;
                } else if (maxValue != null) {
                    delta = maxValue + 1 + value - previous - (minValue == null ? 0 : minValue);
                } else if (minValue != null) {
                    delta = value - minValue;
                } else {
                    delta = Double.NaN;
                }
                previous = value;
                result[i] = perSecond && !Double.isNaN(delta) ? round6(delta / s.step()) : delta;
            }
            String name = function + "(" + s.name() + ")";
            out.add(s.withNameAndTag(name, function, "1")
                    .withValues(result)
                    .withPathExpression(name)
                    .withConsolidation(s.consolidationFunc(), 1));
        }
        return out;
    }

    /** Python's round(x, 6), which rounds the exact binary value half to even. */
    private static double round6(double value) {
        if (Double.isInfinite(value)) {
            return value;
        }
        return new java.math.BigDecimal(value)
                .setScale(6, java.math.RoundingMode.HALF_EVEN)
                .doubleValue();
    }
}
