package io.calamari.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.ceph.parse.Fixtures;
import io.calamari.ceph.rados.ClusterConnection;
import io.calamari.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the monitor fetches and when, driven poll by poll over recorded cluster states: only what
 * changed is fetched again, and an unreachable cluster keeps its last data.
 */
class ClusterMonitorTest {
    private final MutableClock clock = MutableClock.atFixedStart();
    private final ReplayRadosClient rados = new ReplayRadosClient(Fixtures.HEALTHY);
    private final AtomicInteger connections = new AtomicInteger();
    private final List<ClusterSnapshot> published = new ArrayList<>();
    private final ClusterMonitor monitor = new ClusterMonitor(
            "ceph",
            ClusterConnection.admin(Path.of("ceph.conf")),
            Optional.empty(),
            connection -> {
                connections.incrementAndGet();
                return rados;
            },
            clock,
            MonitorSettings.defaults(),
            (previous, next) -> published.add(next));

    @Test
    void firstPollFetchesEveryPart() {
        monitor.poll();

        ClusterSnapshot snapshot = monitor.current().orElseThrow();
        assertThat(snapshot.reachable()).isTrue();
        assertThat(snapshot.osdMap().orElseThrow().value().map().osds()).hasSize(3);
        assertThat(snapshot.monMap()).isPresent();
        assertThat(snapshot.quorum()).isPresent();
        assertThat(snapshot.fsMap()).isPresent();
        assertThat(snapshot.health()).isPresent();
        assertThat(snapshot.df()).isPresent();
        assertThat(snapshot.pgSummary()).isPresent();
        assertThat(snapshot.config()).isPresent();
        assertThat(rados.sentSince(0))
                .contains(
                        "status",
                        "osd dump",
                        "osd tree",
                        "osd crush dump",
                        "osd metadata",
                        "mon dump",
                        "quorum_status");
    }

    @Test
    void whenNothingChangedOnlyTheStatusIsAsked() {
        monitor.poll();
        int before = rados.sentCount();
        clock.advance(Duration.ofSeconds(1));

        monitor.poll();

        assertThat(rados.sentSince(before)).containsExactly("status");
        assertThat(monitor.current().orElseThrow().updateTime()).isEqualTo(clock.instant());
    }

    @Test
    void aNewOsdMapEpochRefetchesTheOsdMapButNotTheMonMap() {
        monitor.poll();
        long epoch = monitor.current().orElseThrow().osdMap().orElseThrow().version();
        int before = rados.sentCount();
        rados.answerFrom(Fixtures.DEGRADED);
        clock.advance(Duration.ofSeconds(1));

        monitor.poll();

        ClusterSnapshot snapshot = monitor.current().orElseThrow();
        assertThat(snapshot.osdMap().orElseThrow().version()).isGreaterThan(epoch);
        assertThat(snapshot.osdMap().orElseThrow().value().map().flags()).contains("noout");
        assertThat(rados.sentSince(before))
                .contains("osd dump", "osd tree", "osd crush dump", "osd metadata", "health")
                .doesNotContain("mon dump");
    }

    @Test
    void pgSummaryIsRefetchedOnChangeButNotMoreOftenThanItsInterval() {
        monitor.poll();
        rados.answerFrom(Fixtures.DEGRADED);
        clock.advance(Duration.ofSeconds(1));
        int before = rados.sentCount();

        monitor.poll();
        assertThat(rados.sentSince(before))
                .as("changed, but fetched a second ago")
                .doesNotContain("pg dump");

        clock.advance(MonitorSettings.defaults().pgSummaryMinimumInterval());
        before = rados.sentCount();
        monitor.poll();
        assertThat(rados.sentSince(before)).contains("pg dump");
        before = rados.sentCount();
        clock.advance(Duration.ofMinutes(1).minusSeconds(1));
        monitor.poll();
        assertThat(rados.sentSince(before)).as("unchanged since").doesNotContain("pg dump");
    }

    @Test
    void aRoundThatFetchesANewOsdMapLeavesTheDuePgSummaryToTheNextRound() {
        monitor.poll();
        rados.answerFrom(Fixtures.DEGRADED);
        clock.advance(MonitorSettings.defaults().pgSummaryMinimumInterval());
        int before = rados.sentCount();

        monitor.poll();
        assertThat(rados.sentSince(before)).contains("osd dump").doesNotContain("pg dump");
        assertThat(monitor.current()
                        .orElseThrow()
                        .pgSummary()
                        .orElseThrow()
                        .value()
                        .all())
                .as("still the healthy cluster's PGs")
                .containsOnlyKeys("active+clean");

        clock.advance(Duration.ofSeconds(1));
        before = rados.sentCount();
        monitor.poll();
        assertThat(rados.sentSince(before)).contains("pg dump").doesNotContain("osd dump");
        assertThat(monitor.current()
                        .orElseThrow()
                        .pgSummary()
                        .orElseThrow()
                        .value()
                        .all())
                .containsKey("active+undersized");
    }

    @Test
    void anUnreachableClusterKeepsItsLastDataAndIsRetriedWithBackOff() {
        monitor.poll();
        ClusterSnapshot healthy = monitor.current().orElseThrow();
        rados.hang(true);
        clock.advance(Duration.ofSeconds(1));

        monitor.poll();

        ClusterSnapshot stale = monitor.current().orElseThrow();
        assertThat(stale.reachable()).isFalse();
        assertThat(stale.lastError())
                .hasValueSatisfying(error -> assertThat(error).contains("timed out"));
        assertThat(stale.osdMap()).isEqualTo(healthy.osdMap());
        assertThat(stale.updateTime()).isEqualTo(healthy.updateTime());

        rados.hang(false);
        monitor.poll();
        assertThat(monitor.current().orElseThrow().reachable())
                .as("still waiting for the back-off")
                .isFalse();
        assertThat(connections).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        monitor.poll();
        assertThat(connections).as("reconnected").hasValue(2);
        assertThat(monitor.current().orElseThrow().reachable()).isTrue();
        assertThat(monitor.current().orElseThrow().updateTime()).isEqualTo(clock.instant());
        assertThat(published)
                .as("listeners hear of every snapshot, the unreachable one included")
                .extracting(ClusterSnapshot::reachable)
                .containsExactly(true, false, true);
    }

    @Test
    void aClusterNamedInItsConfIsListedBeforeItEverAnswers() {
        ClusterMonitor neverAnswers = new ClusterMonitor(
                "ceph",
                ClusterConnection.admin(Path.of("ceph.conf")),
                Optional.of("11111111-2222-3333-4444-555555555555"),
                connection -> {
                    throw new io.calamari.ceph.rados.RadosException("connection refused", -111, "");
                },
                clock,
                MonitorSettings.defaults(),
                (previous, next) -> {});
        neverAnswers.poll();
        ClusterSnapshot snapshot = neverAnswers.current().orElseThrow();
        assertThat(snapshot.fsid()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(snapshot.reachable()).isFalse();
        assertThat(snapshot.lastError())
                .hasValueSatisfying(error -> assertThat(error).contains("connection refused"));
        assertThat(snapshot.osdMap()).isEmpty();
    }

    /** A monitor of the healthy fixture cluster whose ceph.conf names its fsid, as a server builds it. */
    private ClusterMonitor monitorNamingTheFsid() {
        return new ClusterMonitor(
                "ceph",
                ClusterConnection.admin(Path.of("ceph.conf")),
                Optional.of(FixtureSnapshots.healthy().fsid()),
                connection -> {
                    connections.incrementAndGet();
                    return rados;
                },
                clock,
                MonitorSettings.defaults(),
                (previous, next) -> published.add(next));
    }

    @Test
    void aRestoredSnapshotIsServedMarkedUntilTheFirstAnswerReplacesItWhole() {
        ClusterMonitor restarted = monitorNamingTheFsid();
        ClusterSnapshot stored = FixtureSnapshots.healthy(); // same OSD map epoch as the replayed cluster

        assertThat(restarted.restore(stored)).isTrue();

        ClusterSnapshot restored = restarted.current().orElseThrow();
        assertThat(restored.restored()).isTrue();
        assertThat(restored.reachable()).isFalse();
        assertThat(restored.updateTime()).isEqualTo(stored.updateTime());
        assertThat(restored.osdMap()).isEqualTo(stored.osdMap());

        clock.advance(Duration.ofMinutes(5));
        restarted.poll();

        ClusterSnapshot fresh = restarted.current().orElseThrow();
        assertThat(fresh.restored()).isFalse();
        assertThat(fresh.reachable()).isTrue();
        assertThat(fresh.updateTime()).isEqualTo(clock.instant());
        assertThat(rados.sentSince(0))
                .as("every part fetched again, although the stored OSD map has the same epoch")
                .contains("osd dump", "osd tree", "osd crush dump", "osd metadata", "mon dump", "quorum_status");
        assertThat(fresh.osdMap().orElseThrow().fetchedAt()).isEqualTo(clock.instant());
        assertThat(fresh.osdMap().orElseThrow().value())
                .isEqualTo(stored.osdMap().orElseThrow().value());
    }

    @Test
    void aRestoredSnapshotStaysMarkedWhileTheClusterDoesNotAnswer() {
        ClusterMonitor restarted = monitorNamingTheFsid();
        restarted.restore(FixtureSnapshots.healthy());
        rados.hang(true);

        restarted.poll();

        ClusterSnapshot snapshot = restarted.current().orElseThrow();
        assertThat(snapshot.restored()).isTrue();
        assertThat(snapshot.lastError())
                .hasValueSatisfying(error -> assertThat(error).contains("timed out"));
        assertThat(snapshot.osdMap()).isEqualTo(FixtureSnapshots.healthy().osdMap());
        assertThat(published)
                .singleElement()
                .satisfies(next -> assertThat(next.restored()).isTrue());
    }

    @Test
    void onlyAMonitorNotStartedWhoseConfNamesTheFsidTakesAStoredSnapshot() {
        ClusterSnapshot stored = FixtureSnapshots.healthy();
        assertThat(monitor.restore(stored)).as("ceph.conf names no fsid").isFalse();
        assertThat(monitorNamingTheFsid().restore(FixtureSnapshots.withFsid(stored, "another")))
                .isFalse();

        ClusterMonitor started = monitorNamingTheFsid();
        rados.hang(true);
        started.start();
        try {
            assertThat(started.restore(stored)).isFalse();
        } finally {
            started.close();
        }
    }
}
