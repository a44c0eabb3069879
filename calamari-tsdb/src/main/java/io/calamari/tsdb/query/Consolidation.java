package io.calamari.tsdb.query;

/**
 * graphite-web's point consolidation (maxDataPoints, normalisation to a common step): buckets of
 * {@code valuesPerPoint} consecutive values from the start, the last bucket possibly short, each
 * known when its non-null fraction of a full bucket reaches the xFilesFactor. Stateless.
 */
public final class Consolidation {
    private Consolidation() {}

    /** Whether graphite-web knows this consolidation function name. */
    public static boolean isKnown(String function) {
        return switch (function) {
            case "sum", "average", "avg", "avg_zero", "max", "min", "first", "last" -> true;
            default -> false;
        };
    }

    public static double[] consolidate(double[] values, int valuesPerPoint, String function, double xFilesFactor) {
        if (!isKnown(function)) {
            throw new QueryException("Invalid consolidation function: '" + function + "'");
        }
        int buckets = (values.length + valuesPerPoint - 1) / valuesPerPoint;
        double[] result = new double[buckets];
        boolean zeroForNone = function.equals("avg_zero");
        for (int bucket = 0; bucket < buckets; bucket++) {
            int from = bucket * valuesPerPoint;
            int to = Math.min(values.length, from + valuesPerPoint);
            int known = 0;
            int used = 0;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double first = Double.NaN;
            double last = Double.NaN;
            for (int i = from; i < to; i++) {
                double value = values[i];
                if (Double.isNaN(value)) {
                    if (zeroForNone) {
                        used++;
                    }
                    continue;
                }
                if (known == 0) {
                    first = value;
                }
                known++;
                used++;
                last = value;
                sum += value;
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
            if (known == 0 || (double) known / valuesPerPoint < xFilesFactor) {
                result[bucket] = Double.NaN;
                continue;
            }
            result[bucket] = switch (function) {
                case "sum" -> sum;
                case "average", "avg" -> sum / known;
                case "avg_zero" -> sum / used;
                case "max" -> max;
                case "min" -> min;
                case "first" -> first;
                default -> last;
            };
        }
        return result;
    }
}
