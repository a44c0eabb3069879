package io.calamari.tsdb.query.format;

import io.calamari.tsdb.query.QueryException;
import io.calamari.tsdb.query.RenderRequest;
import io.calamari.tsdb.query.TimeSeries;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes rendered series in the request's format: graphite-web's {@code json} (with maxDataPoints
 * consolidation and noNullPoints), {@code raw} and {@code csv}, and Calamari's {@code json-array}.
 * Writes straight to the stream; the caller closes it. Stateless.
 */
public final class RenderWriter {
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private RenderWriter() {}

    public static void write(List<TimeSeries> series, RenderRequest request, OutputStream stream) throws IOException {
        AsciiOutput out = new AsciiOutput(stream);
        switch (request.format()) {
            case JSON -> JsonWriter.write(series, request, out);
            case RAW -> raw(series, out);
            case CSV -> csv(series, request.zone(), out);
            case JSON_ARRAY -> jsonArray(series, out);
        }
        out.flush();
    }

    private static void raw(List<TimeSeries> series, AsciiOutput out) throws IOException {
        for (TimeSeries one : series) {
            out.append(one.name())
                    .append(',')
                    .append(one.start())
                    .append(',')
                    .append(one.end())
                    .append(',');
            out.append(one.step()).append('|');
            double[] values = one.readValues();
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (Double.isNaN(values[i])) {
                    out.append("None");
                } else {
                    out.appendRepr(values[i]);
                }
            }
            out.append('\n');
        }
    }

    private static void csv(List<TimeSeries> series, ZoneId zone, AsciiOutput out) throws IOException {
        for (TimeSeries one : series) {
            String name = csvField(one.name());
            double[] values = one.readValues();
            for (int i = 0; i < values.length; i++) {
                out.append(name).append(',');
                out.append(CSV_TIME.format(
                        Instant.ofEpochSecond(one.start() + i * one.step()).atZone(zone)));
                out.append(',');
                if (!Double.isNaN(values[i])) {
                    out.appendRepr(values[i]);
                }
                out.append("\r\n");
            }
        }
    }

    /** Python's csv module quotes a field only when it holds a delimiter, quote or line break. */
    private static String csvField(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * Calamari's {@code {"targets": [names], "datapoints": [[ts, v1, v2, ...], ...]}}: one row per
     * timestamp over all series, which must share one step.
     */
    private static void jsonArray(List<TimeSeries> series, AsciiOutput out) throws IOException {
        long step = series.isEmpty() ? 1 : series.get(0).step();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        double[][] values = new double[series.size()][];
        for (int i = 0; i < series.size(); i++) {
            TimeSeries one = series.get(i);
            values[i] = one.readValues();
            if (one.step() * one.valuesPerPoint() != step * series.get(0).valuesPerPoint()) {
                throw new QueryException("json-array needs series with one step; got " + step + " and " + one.step());
            }
            start = Math.min(start, one.start());
            end = Math.max(end, one.start() + values[i].length * one.step() * one.valuesPerPoint());
        }
        long rowStep = series.isEmpty() ? 1 : step * series.get(0).valuesPerPoint();
        out.append("{\"targets\": [");
        for (int i = 0; i < series.size(); i++) {
            out.append(i > 0 ? ", " : "").appendJsonString(series.get(i).name());
        }
        out.append("], \"datapoints\": [");
        for (long timestamp = start; !series.isEmpty() && timestamp < end; timestamp += rowStep) {
            out.append(timestamp == start ? "[" : ", [").append(timestamp);
            for (int i = 0; i < series.size(); i++) {
                long offset = timestamp - series.get(i).start();
                int index = offset % rowStep == 0 ? (int) (offset / rowStep) : -1;
                double value = index >= 0 && index < values[i].length ? values[i][index] : Double.NaN;
                out.append(", ");
                JsonWriter.appendValue(out, value);
            }
            out.append(']');
        }
        out.append("]}");
    }
}
