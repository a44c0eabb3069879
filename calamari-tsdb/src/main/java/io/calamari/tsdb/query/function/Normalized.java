package io.calamari.tsdb.query.function;

import io.calamari.tsdb.query.TimeSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Series brought to a common step as graphite-web's {@code normalize} does: the LCM of the steps,
 * each series read consolidated by {@code lcm / step} from its own start, start the earliest start,
 * end the latest end trimmed to whole steps. Rows are read "zip longest": a short series reads NaN.
 */
record Normalized(List<TimeSeries> series, List<double[]> values, long start, long end, long step, int length) {
    static Normalized of(List<TimeSeries> series) {
        long step = series.get(0).step();
        for (TimeSeries one : series) {
            step = lcm(step, one.step());
        }
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        List<double[]> values = new ArrayList<>(series.size());
        List<TimeSeries> consolidated = new ArrayList<>(series.size());
        int length = 0;
        for (TimeSeries one : series) {
            TimeSeries copy = one.withConsolidation(one.consolidationFunc(), (int) (step / one.step()));
            consolidated.add(copy);
            double[] read = copy.readValues();
            values.add(read);
            length = Math.max(length, read.length);
            start = Math.min(start, one.start());
            end = Math.max(end, one.end());
        }
        end -= (end - start) % step;
        return new Normalized(consolidated, values, start, end, step, length);
    }

    /** The value of series {@code index} in row {@code row}, NaN past its end. */
    double value(int index, int row) {
        double[] read = values.get(index);
        return row < read.length ? read[row] : Double.NaN;
    }

    double[] row(int row, double[] into) {
        for (int i = 0; i < values.size(); i++) {
            into[i] = value(i, row);
        }
        return into;
    }

    static long lcm(long a, long b) {
        if (a == b) {
            return a;
        }
        return a / gcd(a, b) * b;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** graphite-web's {@code formatPathExpressions}: distinct path expressions in order, comma-joined. */
    static String pathExpressions(List<TimeSeries> series) {
        List<String> distinct = new ArrayList<>();
        for (TimeSeries one : series) {
            if (!distinct.contains(one.pathExpression())) {
                distinct.add(one.pathExpression());
            }
        }
        return String.join(",", distinct);
    }

    /** The tags every series has with the same value, in the first series' order. */
    static Map<String, String> commonTags(List<TimeSeries> series) {
        Map<String, String> common = new LinkedHashMap<>(series.get(0).tags());
        for (TimeSeries one : series) {
            common.entrySet().removeIf(tag -> !tag.getValue().equals(one.tags().get(tag.getKey())));
        }
        return common;
    }
}
