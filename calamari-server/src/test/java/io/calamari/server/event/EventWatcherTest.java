package io.calamari.server.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The watcher over a monitor's published snapshots: no events for the first snapshot of a start,
 * none for a snapshot restored from the database and the first answer after it, events from then
 * on.
 */
class EventWatcherTest {
    private final MutableClock clock = new MutableClock(FixtureSnapshots.FETCHED);
    private final List<Event> recorded = new ArrayList<>();
    private final EventWatcher watcher =
            new EventWatcher(new EventDetector(EventDetector.CALAMARI_CONTACT_THRESHOLD), recorded::add, clock);
    private final ClusterSnapshot healthy = FixtureSnapshots.healthy();
    private final ClusterSnapshot degraded = FixtureSnapshots.degraded();

    private void publish(ClusterSnapshot previous, ClusterSnapshot next) {
        clock.advance(Duration.ofSeconds(1));
        watcher.published(Optional.of(previous), next);
    }

    @Test
    void theFirstSnapshotOfAStartGivesNoEventsAndTheNextOnesDo() {
        publish(ClusterSnapshot.unreached(healthy.fsid(), "ceph", clock.instant(), "not contacted yet"), degraded);
        assertThat(recorded).isEmpty();

        publish(degraded, healthy);
        assertThat(recorded).isNotEmpty();
    }

    @Test
    void aRestoredSnapshotAndTheFirstAnswerAfterItGiveNoEvents() {
        // What a restarted monitor publishes: the restored snapshot while the cluster does not
        // answer, then the first answer, which differs from the stored data in every way.
        ClusterSnapshot restored = healthy.asRestored("not contacted yet");
        ClusterSnapshot unreachable = restored.unreachable("timed out");
        publish(restored, unreachable);
        clock.advance(Duration.ofMinutes(10));
        publish(unreachable, unreachable);
        publish(unreachable, degraded);

        assertThat(recorded).as("no burst from the downtime, no contact events").isEmpty();

        publish(degraded, healthy);
        assertThat(recorded).as("later changes are events again").isNotEmpty();
    }
}
