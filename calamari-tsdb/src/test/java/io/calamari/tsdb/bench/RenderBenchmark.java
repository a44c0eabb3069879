package io.calamari.tsdb.bench;

import io.calamari.tsdb.query.FetchedSeries;
import io.calamari.tsdb.query.RenderEngine;
import io.calamari.tsdb.query.RenderRequest;
import io.calamari.tsdb.query.SeriesSource;
import io.calamari.tsdb.query.format.RenderWriter;
import io.calamari.tsdb.query.function.FunctionRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The render engine's share of the /render budget (p95 under 100 ms for sumSeries over 100 series of
 * a day at 10 s, store included): evaluation and JSON writing over an in-memory source, 20 rounds
 * after 10 warm-up rounds. Run with {@code BENCH_MODULE=calamari-tsdb bench/run-benchmark.sh
 * io.calamari.tsdb.bench.RenderBenchmark}; the store's share is in {@link StoreBenchmark}.
 */
public final class RenderBenchmark {
    private static final long NOW = 1_700_006_400L;
    private static final int POINTS = 8640;

    /** 100 series of one day at 10 s, served from memory. */
    private static final SeriesSource SOURCE = new SeriesSource() {
        private final double[] values = values();

        private static double[] values() {
            double[] values = new double[POINTS];
            for (int i = 0; i < POINTS; i++) {
                values[i] = i % 97 == 0 ? Double.NaN : 20 + 10 * Math.sin(i / 7.0);
            }
            return values;
        }

        @Override
        public List<String> expand(String pattern) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                names.add("servers.node" + i + ".cpu");
            }
            return names;
        }

        @Override
        public List<String> findTagged(List<String> expressions) {
            return List.of();
        }

        @Override
        public Optional<FetchedSeries> fetch(String path, long from, long until, long now) {
            return Optional.of(new FetchedSeries(from + 10, 10, Arrays.copyOf(values, POINTS)));
        }
    };

    private RenderBenchmark() {}

    public static void main(String[] args) throws IOException {
        RenderEngine engine = new RenderEngine(SOURCE, FunctionRegistry.standard());
        RenderRequest request = RenderRequest.fromParameters(
                Map.of("target", List.of("sumSeries(servers.*.cpu)"), "now", List.of(String.valueOf(NOW))),
                ZoneOffset.UTC);
        long[] nanos = new long[20];
        for (int round = -10; round < nanos.length; round++) {
            long start = System.nanoTime();
            RenderRequest.TimeRange range = request.timeRange(NOW);
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
            RenderWriter.write(
                    engine.render(request.targets(), range.from(), range.until(), range.now(), 0), request, out);
            if (round >= 0) {
                nanos[round] = System.nanoTime() - start;
            }
            if (out.size() < POINTS * 10) {
                throw new IllegalStateException("the answer is too short: " + out.size() + " bytes");
            }
        }
        Arrays.sort(nanos);
        long medianMillis = nanos[nanos.length / 2] / 1_000_000;
        long p95Millis = nanos[(int) (nanos.length * 0.95)] / 1_000_000;
        System.out.printf("sumSeries of 100 x 8640 points as json: median %d ms, p95 %d ms%n", medianMillis, p95Millis);
    }
}
