package io.calamari.tsdb.query.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.tsdb.query.FetchedSeries;
import io.calamari.tsdb.query.QueryException;
import io.calamari.tsdb.query.RenderEngine;
import io.calamari.tsdb.query.SeriesSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every function called with odd arguments either answers or fails with a {@link QueryException}
 * (a 400), never with another exception (which would be a 500).
 */
class OddArgumentsTest {
    private static final List<String> ARGUMENTS = List.of(
            "",
            "a.*",
            "a.*, 1",
            "a.*, 0",
            "a.*, -1",
            "a.*, 1.5",
            "a.*, 'x'",
            "a.*, '1min'",
            "a.*, true",
            "a.*, None",
            "a.*, a.b",
            "a.*, 'sum', 1",
            "a.*, 1, 'x'",
            "'x'",
            "1",
            "a.*, inf",
            "a.*, 'sum', 'x'",
            "a.*, -1, -2",
            "a.*, nothing.here",
            "nothing.here, 1");

    /** Two series with gaps, at different steps. */
    private static final SeriesSource SOURCE = new SeriesSource() {
        @Override
        public List<String> expand(String pattern) {
            return pattern.startsWith("a.") ? List.of("a.b", "a.c") : List.of();
        }

        @Override
        public List<String> findTagged(List<String> expressions) {
            return List.of();
        }

        @Override
        public Optional<FetchedSeries> fetch(String path, long from, long until, long now) {
            long step = path.equals("a.b") ? 60 : 90;
            double[] values = new double[(int) ((until - from) / step)];
            for (int i = 0; i < values.length; i++) {
                values[i] = i % 4 == 1 ? Double.NaN : i * 1.5 - 3;
            }
            return Optional.of(new FetchedSeries(from - from % step + step, step, values));
        }
    };

    @Test
    void onlyQueryErrors() {
        FunctionRegistry registry = FunctionRegistry.standard();
        RenderEngine engine = new RenderEngine(SOURCE, registry);
        List<String> unexpected = new ArrayList<>();
        for (FunctionDefinition definition : registry.definitions()) {
            for (String arguments : ARGUMENTS) {
                String target = definition.name() + "(" + arguments + ")";
                try {
                    engine.render(List.of(target), 1_700_000_000L, 1_700_003_600L, 1_700_003_600L, 0);
                } catch (QueryException expected) {
                    // a 400 with a message is the right answer to a bad call
                } catch (RuntimeException other) {
                    unexpected.add(target + " -> " + other);
                }
            }
        }
        assertThat(unexpected).isEmpty();
    }
}
