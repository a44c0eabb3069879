package io.calamari.tsdb.query.format;

import io.calamari.tsdb.query.RenderRequest;
import io.calamari.tsdb.query.TimeSeries;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * graphite-web's json format, {@code [{"target", "tags", "datapoints": [[value, ts], ...]}]},
 * including its maxDataPoints consolidation: the start is nudged so buckets line up from one
 * refresh to the next, and (a graphite-web quirk kept for identical answers) one value fewer than
 * the nudge covers is dropped. Stateless.
 */
final class JsonWriter {
    private JsonWriter() {}

    static void write(List<TimeSeries> series, RenderRequest request, AsciiOutput out) throws IOException {
        out.append('[');
        boolean anyPoints = series.stream().anyMatch(one -> one.values().length > 0);
        if (anyPoints) {
            long start = series.stream().mapToLong(TimeSeries::start).min().orElse(0);
            long end = series.stream().mapToLong(TimeSeries::end).max().orElse(0);
            boolean first = true;
            for (TimeSeries one : series) {
                TimeSeries shown =
                        request.maxDataPoints() == null ? one : consolidate(one, request.maxDataPoints(), end - start);
                first = writeSeries(shown, request.noNullPoints(), first, out);
            }
        }
        out.append(']');
    }

    /** The series as graphite-web shows it for maxDataPoints over a {@code timeRange}-second answer. */
    static TimeSeries consolidate(TimeSeries series, int maxDataPoints, long timeRange) {
        if (maxDataPoints == 1) {
            return series.withConsolidation(series.consolidationFunc(), Math.max(1, series.values().length));
        }
        double points = (double) timeRange / series.step();
        if (maxDataPoints >= points) {
            return series;
        }
        int valuesPerPoint = (int) Math.ceil(points / maxDataPoints);
        long secondsPerPoint = valuesPerPoint * series.step();
        long nudge = secondsPerPoint
                + Math.floorMod(series.start(), series.step())
                - Math.floorMod(series.start(), secondsPerPoint);
        int drop = (int) Math.max(0, Math.min(series.values().length, nudge / series.step() - 1));
        double[] values = Arrays.copyOfRange(series.values(), drop, series.values().length);
        return series.withTimes(series.start() + nudge, series.end(), series.step(), values)
                .withConsolidation(series.consolidationFunc(), valuesPerPoint);
    }

    private static boolean writeSeries(TimeSeries series, boolean noNullPoints, boolean first, AsciiOutput out)
            throws IOException {
        double[] values = series.readValues();
        long interval = series.step() * Math.max(1, series.valuesPerPoint());
        // graphite-web zips values with range(start, end + 1, interval): the shorter one wins
        long timestamps = series.end() < series.start() ? 0 : (series.end() - series.start()) / interval + 1;
        int count = (int) Math.min(values.length, timestamps);
        if (noNullPoints && !hasKnown(values, count)) {
            return first;
        }
        out.append(first ? "{" : ", {").append("\"target\": ").appendJsonString(series.name());
        out.append(", \"tags\": {");
        boolean firstTag = true;
        for (Map.Entry<String, String> tag : series.tags().entrySet()) {
            out.append(firstTag ? "" : ", ")
                    .appendJsonString(tag.getKey())
                    .append(": ")
                    .appendJsonString(tag.getValue());
            firstTag = false;
        }
        out.append("}, \"datapoints\": [");
        boolean firstPoint = true;
        for (int i = 0; i < count; i++) {
            if (noNullPoints && Double.isNaN(values[i])) {
                continue;
            }
            out.append(firstPoint ? "[" : ", [");
            appendValue(out, values[i]);
            out.append(", ").append(series.start() + i * interval).append(']');
            firstPoint = false;
        }
        out.append("]}");
        return false;
    }

    private static boolean hasKnown(double[] values, int count) {
        for (int i = 0; i < count; i++) {
            if (!Double.isNaN(values[i])) {
                return true;
            }
        }
        return false;
    }

    /** A value as graphite-web's json shows it: None/NaN as null, infinities as ±1e9999. */
    static void appendValue(AsciiOutput out, double value) throws IOException {
        if (Double.isNaN(value)) {
            out.append("null");
        } else if (Double.isInfinite(value)) {
            out.append(value > 0 ? "1e9999" : "-1e9999");
        } else {
            out.appendRepr(value);
        }
    }
}
