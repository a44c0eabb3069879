package io.calamari.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of record is cut at its own retention, and one failing deletion does not stop the others. */
class RetentionPrunerTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void deletesWhatIsOlderThanEachRetention() {
        List<String> calls = new ArrayList<>();
        RetentionPruner pruner = new RetentionPruner(
                List.of(
                        new RetentionPruner.Target("audit-log entries", Duration.ofDays(365), cutoff -> {
                            calls.add("audit before " + cutoff);
                            return 3;
                        }),
                        new RetentionPruner.Target("broken", Duration.ofDays(1), cutoff -> {
                            throw new IllegalStateException("database down");
                        }),
                        new RetentionPruner.Target("finished requests", Duration.ofDays(90), cutoff -> {
                            calls.add("requests before " + cutoff);
                            return 0;
                        })),
                Clock.fixed(NOW, ZoneOffset.UTC));

        pruner.pruneNow();

        assertThat(calls)
                .containsExactly(
                        "audit before " + NOW.minus(Duration.ofDays(365)),
                        "requests before " + NOW.minus(Duration.ofDays(90)));
        pruner.close();
    }
}
