package io.calamari.tsdb.query.function;

import io.calamari.tsdb.query.QueryException;
import io.calamari.tsdb.query.TimeSeries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** graphite-web's asPercent, the one Combine function with many shapes of total. Stateless. */
final class PercentFunction {
    private PercentFunction() {}

    static List<TimeSeries> asPercent(Arguments arguments) {
        List<TimeSeries> series = arguments.series("seriesList");
        Object total = arguments.value("total");
        List<Object> nodes = arguments.multiple("nodes");
        double xff = arguments.context().xFilesFactor();
        if (series.isEmpty()) {
            return List.of();
        }
        if (!nodes.isEmpty()) {
            return byNodes(series, total, nodes, xff);
        }
        if (total instanceof List<?> list) {
            @SuppressWarnings("unchecked")
            List<TimeSeries> totals = (List<TimeSeries>) list;
            return againstSeries(series, totals, xff);
        }
        return againstSumOrNumber(series, total, xff);
    }

    /** Against one total series (normalised with all the others), or pairwise by sorted name. */
    private static List<TimeSeries> againstSeries(List<TimeSeries> series, List<TimeSeries> totals, double xff) {
        List<TimeSeries> results = new ArrayList<>();
        if (totals.size() != 1 && totals.size() != series.size()) {
            throw new QueryException("asPercent second argument must be missing, a single digit, reference"
                    + " exactly 1 series or reference the same number of series as the first argument");
        }
        if (totals.size() == series.size() && totals.size() != 1) {
            List<TimeSeries> sortedSeries = sortedByName(series);
            List<TimeSeries> sortedTotals = sortedByName(totals);
            for (int i = 0; i < sortedSeries.size(); i++) {
                results.add(CombineFunctions.ratio(sortedSeries.get(i), sortedTotals.get(i), "asPercent", 100, xff));
            }
            return results;
        }
        // a single total series, normalised together with all the others
        List<TimeSeries> all = new ArrayList<>(series);
        all.add(totals.get(0));
        Normalized together = Normalized.of(all);
        for (int index = 0; index < series.size(); index++) {
            TimeSeries one = series.get(index);
            double[] values = new double
                    [Math.max(
                            together.values().get(index).length,
                            together.values().get(series.size()).length)];
            for (int i = 0; i < values.length; i++) {
                values[i] = percent(together.value(index, i), together.value(series.size(), i));
            }
            results.add(TimeSeries.of(
                    "asPercent(" + one.name() + "," + totals.get(0).name() + ")",
                    one.start(),
                    one.end(),
                    one.step(),
                    values,
                    xff));
        }
        return results;
    }

    /** Against the sum of all the series (no total) or a constant. */
    private static List<TimeSeries> againstSumOrNumber(List<TimeSeries> series, @Nullable Object total, double xff) {
        Normalized normalized = Normalized.of(series);
        List<TimeSeries> results = new ArrayList<>();
        String totalText;
        double[] totalValues;
        if (total == null) {
            totalValues = new double[normalized.length()];
            double[] row = new double[series.size()];
            for (int i = 0; i < totalValues.length; i++) {
                totalValues[i] = Aggregators.apply("sum", normalized.row(i, row));
            }
            totalText = "sumSeries(" + Normalized.pathExpressions(series) + ")";
        } else if (total instanceof Number number) {
            totalValues = new double[normalized.values().get(0).length];
            java.util.Arrays.fill(totalValues, number.doubleValue());
            totalText = CombineFunctions.str(total);
        } else {
            throw new QueryException("asPercent(): total must be None, a number or a series list");
        }
        for (int index = 0; index < series.size(); index++) {
            TimeSeries one = series.get(index);
            double[] own = normalized.values().get(index);
            double[] values = new double[Math.max(own.length, totalValues.length)];
            for (int i = 0; i < values.length; i++) {
                values[i] = percent(
                        i < own.length ? own[i] : Double.NaN, i < totalValues.length ? totalValues[i] : Double.NaN);
            }
            results.add(TimeSeries.of(
                    "asPercent(" + one.name() + "," + totalText + ")",
                    one.start(),
                    one.end(),
                    one.step(),
                    values,
                    xff));
        }
        return results;
    }

    private static double percent(double value, double total) {
        return Double.isNaN(value) || Double.isNaN(total) || total == 0 ? Double.NaN : value / total * 100.0;
    }

    private static List<TimeSeries> byNodes(
            List<TimeSeries> series, @org.jspecify.annotations.Nullable Object total, List<Object> nodes, double xff) {
        Map<String, List<TimeSeries>> groups = new LinkedHashMap<>();
        for (TimeSeries one : series) {
            groups.computeIfAbsent(Nodes.key(one, nodes), key -> new ArrayList<>())
                    .add(one);
        }
        Map<String, List<TimeSeries>> totalGroups = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(groups.keySet());
        if (total == null) {
            totalGroups.putAll(groups);
        } else if (total instanceof List<?> list) {
            for (Object item : list) {
                TimeSeries one = (TimeSeries) item;
                String key = Nodes.key(one, nodes);
                totalGroups.computeIfAbsent(key, k -> new ArrayList<>()).add(one);
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            }
        } else {
            throw new QueryException("total must be None or a seriesList");
        }
        List<TimeSeries> results = new ArrayList<>();
        for (String key : keys) {
            TimeSeries totalSeries = totalGroups.containsKey(key) ? sum(totalGroups.get(key), xff) : null;
            if (!groups.containsKey(key) && totalSeries != null) {
                double[] nothing = new double[totalSeries.readValues().length];
                java.util.Arrays.fill(nothing, Double.NaN);
                results.add(TimeSeries.of(
                        "asPercent(MISSING," + totalSeries.name() + ")",
                        totalSeries.start(),
                        totalSeries.end(),
                        totalSeries.step(),
                        nothing,
                        xff));
                continue;
            }
            for (TimeSeries one : groups.getOrDefault(key, List.of())) {
                if (totalSeries == null) {
                    double[] nothing = new double[one.values().length];
                    java.util.Arrays.fill(nothing, Double.NaN);
                    results.add(TimeSeries.of(
                            "asPercent(" + one.name() + ",MISSING)", one.start(), one.end(), one.step(), nothing, xff));
                } else {
                    results.add(CombineFunctions.ratio(one, totalSeries, "asPercent", 100, xff));
                }
            }
        }
        return results;
    }

    private static TimeSeries sum(List<TimeSeries> group, double xff) {
        if (group.size() == 1) {
            return group.get(0);
        }
        Normalized normalized = Normalized.of(group);
        double[] values = new double[normalized.length()];
        double[] row = new double[group.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Aggregators.apply("sum", normalized.row(i, row));
        }
        return TimeSeries.of(
                "sumSeries(" + Normalized.pathExpressions(group) + ")",
                normalized.start(),
                normalized.end(),
                normalized.step(),
                values,
                xff);
    }

    private static List<TimeSeries> sortedByName(List<TimeSeries> series) {
        return series.stream().sorted(Comparator.comparing(TimeSeries::name)).toList();
    }
}
