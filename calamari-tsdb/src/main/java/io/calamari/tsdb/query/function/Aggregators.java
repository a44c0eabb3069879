package io.calamari.tsdb.query.function;

import io.calamari.tsdb.query.QueryException;
import java.util.Arrays;
import java.util.List;

/**
 * graphite-web's aggregation functions over a row of values (NaN is None), with their aliases.
 * Each returns NaN where graphite-web returns None. Sums run left to right like Python's {@code
 * sum}, so results match to the last bit. Stateless.
 */
public final class Aggregators {
    /** The names {@code aggregate()} and friends accept, aliases included. */
    public static final List<String> NAMES = List.of(
            "average",
            "avg_zero",
            "median",
            "sum",
            "min",
            "max",
            "diff",
            "stddev",
            "count",
            "range",
            "multiply",
            "last",
            "rangeOf",
            "avg",
            "total",
            "current");

    private Aggregators() {}

    /** The canonical name for an alias ({@code avg} → {@code average}); the name itself otherwise. */
    public static String canonical(String name) {
        return switch (name) {
            case "rangeOf" -> "range";
            case "avg" -> "average";
            case "total" -> "sum";
            case "current" -> "last";
            default -> name;
        };
    }

    public static boolean isKnown(String name) {
        return NAMES.contains(name);
    }

    /** Applies a function to {@code count} values of {@code row} starting at {@code offset}. */
    public static double apply(String name, double[] row, int offset, int count) {
        String function = canonical(name);
        int known = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double last = Double.NaN;
        double difference = Double.NaN;
        boolean anyNone = false;
        for (int i = offset; i < offset + count; i++) {
            double value = row[i];
            if (Double.isNaN(value)) {
                anyNone = true;
                continue;
            }
            difference = known == 0 ? value : difference + -value;
            known++;
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
            last = value;
        }
        return switch (function) {
            case "sum" -> known == 0 ? Double.NaN : sum;
            case "average" -> known == 0 ? Double.NaN : sum / known;
            case "avg_zero" -> count == 0 ? Double.NaN : sum / count;
            case "min" -> known == 0 ? Double.NaN : min;
            case "max" -> known == 0 ? Double.NaN : max;
            case "last" -> last;
            case "count" -> known;
            case "range" -> known == 0 ? Double.NaN : max - min;
            case "diff" -> difference;
            case "multiply" -> anyNone || count == 0 ? Double.NaN : product(row, offset, count);
            case "median" -> known == 0 ? Double.NaN : median(row, offset, count, known);
            case "stddev" -> known == 0 ? Double.NaN : standardDeviation(row, offset, count, sum / known, known);
            default -> throw new QueryException("Unsupported aggregation function: " + name);
        };
    }

    public static double apply(String name, double[] row) {
        return apply(name, row, 0, row.length);
    }

    private static double product(double[] row, int offset, int count) {
        double product = row[offset];
        for (int i = offset + 1; i < offset + count; i++) {
            product *= row[i];
        }
        return product;
    }

    private static double median(double[] row, int offset, int count, int known) {
        double[] sorted = new double[known];
        int next = 0;
        for (int i = offset; i < offset + count; i++) {
            if (!Double.isNaN(row[i])) {
                sorted[next++] = row[i];
            }
        }
        Arrays.sort(sorted);
        int middle = known / 2;
        return known % 2 == 0 ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle];
    }

    private static double standardDeviation(double[] row, int offset, int count, double average, int known) {
        double squares = 0;
        for (int i = offset; i < offset + count; i++) {
            if (!Double.isNaN(row[i])) {
                squares += (row[i] - average) * (row[i] - average);
            }
        }
        return Math.sqrt(squares / known);
    }
}
