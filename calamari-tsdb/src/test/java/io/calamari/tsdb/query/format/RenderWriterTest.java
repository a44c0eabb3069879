package io.calamari.tsdb.query.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.tsdb.query.QueryException;
import io.calamari.tsdb.query.RenderFormat;
import io.calamari.tsdb.query.RenderRequest;
import io.calamari.tsdb.query.TimeSeries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writers' shapes on small hand-made series; graphite-web parity is the golden test's job. */
class RenderWriterTest {
    private static final double NONE = Double.NaN;

    private static TimeSeries series(String name, long start, long step, double... values) {
        return TimeSeries.of(name, start, start + step * values.length, step, values, 0);
    }

    private static String write(List<TimeSeries> series, RenderRequest request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RenderWriter.write(series, request, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static RenderRequest request(RenderFormat format, Integer maxDataPoints, boolean noNullPoints) {
        return new RenderRequest(
                List.of("x"), "-1d", "now", null, ZoneOffset.UTC, maxDataPoints, noNullPoints, format, 0);
    }

    @Test
    void jsonWritesNoneAsNullAndInfinityAsAHugeNumber() throws IOException {
        String json = write(
                List.of(series("a.b", 60, 60, 1.0, NONE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1)),
                request(RenderFormat.JSON, null, false));
        assertThat(json)
                .isEqualTo("[{\"target\": \"a.b\", \"tags\": {\"name\": \"a.b\"}, \"datapoints\": "
                        + "[[1.0, 60], [null, 120], [1e9999, 180], [-1e9999, 240], [0.1, 300]]}]");
    }

    @Test
    void noNullPointsDropsNullsAndSeriesLeftEmpty() throws IOException {
        String json = write(
                List.of(series("a", 60, 60, NONE, 2.0), series("b", 60, 60, NONE, NONE)),
                request(RenderFormat.JSON, null, true));
        assertThat(json).isEqualTo("[{\"target\": \"a\", \"tags\": {\"name\": \"a\"}, \"datapoints\": [[2.0, 120]]}]");
    }

    @Test
    void maxDataPointsOneCollapsesEachSeries() throws IOException {
        String json = write(List.of(series("a", 60, 60, 1, 2, 3, NONE)), request(RenderFormat.JSON, 1, false));
        assertThat(json).isEqualTo("[{\"target\": \"a\", \"tags\": {\"name\": \"a\"}, \"datapoints\": [[2.0, 60]]}]");
    }

    @Test
    void namesAreEscapedAsPythonsJsonDoes() throws IOException {
        String json = write(List.of(series("a\"b\\é", 60, 60, 1)), request(RenderFormat.JSON, null, false));
        assertThat(json).startsWith("[{\"target\": \"a\\\"b\\\\\\u00e9\"");
    }

    @Test
    void jsonArrayPutsOneRowPerTimestamp() throws IOException {
        String json = write(
                List.of(series("a", 60, 60, 1, 2), series("b", 120, 60, 5, NONE)),
                request(RenderFormat.JSON_ARRAY, null, false));
        assertThat(json)
                .isEqualTo("{\"targets\": [\"a\", \"b\"], \"datapoints\": "
                        + "[[60, 1.0, null], [120, 2.0, 5.0], [180, null, null]]}");
    }

    @Test
    void jsonArrayOfNothingAndOfMixedSteps() throws IOException {
        assertThat(write(List.of(), request(RenderFormat.JSON_ARRAY, null, false)))
                .isEqualTo("{\"targets\": [], \"datapoints\": []}");
        assertThatThrownBy(() -> write(
                        List.of(series("a", 60, 60, 1), series("b", 60, 10, 1)),
                        request(RenderFormat.JSON_ARRAY, null, false)))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("step");
    }

    @Test
    void rawAndCsv() throws IOException {
        List<TimeSeries> series = List.of(series("a,b", 1_700_000_000L, 60, 1e20, NONE, 0.5));
        assertThat(write(series, request(RenderFormat.RAW, null, false)))
                .isEqualTo("a,b,1700000000,1700000180,60|1e+20,None,0.5\n");
        assertThat(write(series, request(RenderFormat.CSV, null, false)))
                .isEqualTo("\"a,b\",2023-11-14 22:13:20,1e+20\r\n"
                        + "\"a,b\",2023-11-14 22:14:20,\r\n"
                        + "\"a,b\",2023-11-14 22:15:20,0.5\r\n");
    }
}
