package io.calamari.server.clusterlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.calamari.ceph.model.ClusterLogEntry;
import io.calamari.ceph.model.ClusterLogLevel;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.error.CalamariException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The streams over a fake cluster log: followed only while watched, at the lowest level wanted, each
 * entry once, retried with back-off, bounded in streams and in what a slow client may owe.
 */
class ClusterLogStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String FSID = FixtureSnapshots.healthy().fsid();
    private static final ClusterLogFilter EVERYTHING = new ClusterLogFilter("*", ClusterLogLevel.DEBUG);

    private final FakeClusterDirectory clusters = new FakeClusterDirectory(FixtureSnapshots.healthy());
    private final FakeLogClient cluster = new FakeLogClient();
    private final ClusterLogStream streams =
            new ClusterLogStream(clusters, Duration.ofMillis(100), 3, 5, Duration.ofMillis(20), Duration.ofMillis(80));

    @BeforeEach
    void acceptConnections() {
        clusters.acceptConnections(FSID, cluster::connect);
    }

    @AfterEach
    void close() {
        streams.close();
    }

    @Test
    void followsTheLogOnlyWhileSomeoneWatches() {
        assertThat(cluster.attempts).hasValue(0);
        Recorder watcher = start(ClusterLogFilter.DEFAULT);
        await().atMost(WAIT).until(() -> cluster.subscribed() == 1);

        cluster.log("cluster", ClusterLogLevel.INFO, 1, "cluster info");
        cluster.log("audit", ClusterLogLevel.INFO, 2, "audit info");
        cluster.log("cluster", ClusterLogLevel.DEBUG, 3, "cluster debug");
        cluster.log("cluster", ClusterLogLevel.ERROR, 4, "cluster error");

        await().atMost(WAIT).until(() -> watcher.received.size() == 2);
        assertThat(watcher.received).extracting(ClusterLogEntry::seq).containsExactly(1L, 4L);
        assertThat(cluster.subscriptions).containsExactly(ClusterLogLevel.INFO);

        watcher.open = false;
        watcher.awaitEnd();
        await().atMost(WAIT).until(() -> cluster.closed.get() == 1 && streams.followedClusters() == 0);
        assertThat(streams.openStreams()).isZero();
        assertThat(cluster.connections).hasValue(1);
    }

    @Test
    void oneSubscriptionAtTheLowestLevelAnyWatcherWants() {
        Recorder warnings = start(new ClusterLogFilter("cluster", ClusterLogLevel.WARN));
        await().atMost(WAIT).until(() -> cluster.subscribed() == 1);
        Recorder everything = start(EVERYTHING);
        await().atMost(WAIT).until(() -> cluster.subscriptions.size() == 2);

        cluster.log("audit", ClusterLogLevel.DEBUG, 7, "audit debug");
        cluster.log("cluster", ClusterLogLevel.WARN, 8, "cluster warning");

        await().atMost(WAIT).until(() -> everything.received.size() == 2);
        await().atMost(WAIT).until(() -> warnings.received.size() == 1);
        assertThat(warnings.received.get(0).seq()).isEqualTo(8);
        assertThat(cluster.subscriptions).containsExactly(ClusterLogLevel.WARN, ClusterLogLevel.DEBUG);
        assertThat(cluster.connections).hasValue(1);
    }

    @Test
    void anEntryTheMonitorsSendAgainIsDeliveredOnce() {
        Recorder watcher = start(EVERYTHING);
        await().atMost(WAIT).until(() -> cluster.subscribed() == 1);

        cluster.log("cluster", ClusterLogLevel.INFO, 0, "written with ceph log");
        cluster.log("cluster", ClusterLogLevel.INFO, 0, "written with ceph log");
        cluster.log("cluster", ClusterLogLevel.INFO, 0, "same seq, another entry");

        await().atMost(WAIT).until(() -> watcher.received.size() == 2);
        assertThat(watcher.received)
                .extracting(ClusterLogEntry::message)
                .containsExactly("written with ceph log", "same seq, another entry");
    }

    @Test
    void anUnreachableClusterIsRetriedWithBackoffWhileTheStreamStaysOpen() {
        cluster.refuse(3);
        Recorder watcher = start(ClusterLogFilter.DEFAULT);

        await().atMost(WAIT).until(() -> cluster.subscribed() == 1);
        assertThat(cluster.attempts).hasValue(4);
        assertThat(watcher.ended.getCount()).isOne();
        cluster.log("cluster", ClusterLogLevel.INFO, 1, "after the outage");
        await().atMost(WAIT).until(() -> watcher.received.size() == 1);
        await().atMost(WAIT).until(() -> watcher.heartbeats.get() > 0);
    }

    @Test
    void aClientThatFallsBehindIsEndedAndHoldsUpNobody() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        Recorder slow = new Recorder() {
            @Override
            public void send(ClusterLogEntry entry) {
                super.send(entry);
                block(stuck);
            }
        };
        streams.start(FSID, EVERYTHING, slow, slow::ended);
        Recorder fast = start(EVERYTHING);
        await().atMost(WAIT).until(() -> cluster.subscribed() == 1);

        cluster.log("cluster", ClusterLogLevel.INFO, 1, "taken, then stuck in send");
        await().atMost(WAIT).until(() -> slow.received.size() == 1);
        // One at a time, so that only the stuck client falls behind: its queue holds 5.
        for (int seq = 2; seq <= 8; seq++) {
            cluster.log("cluster", ClusterLogLevel.INFO, seq, "entry " + seq);
            int expected = seq;
            await().atMost(WAIT).until(() -> fast.received.size() == expected);
        }
        stuck.countDown();

        slow.awaitEnd();
        assertThat(slow.received).hasSize(1);
        assertThat(fast.ended.getCount()).isOne();
    }

    @Test
    void refusesStreamsBeyondTheMaximum() {
        start(ClusterLogFilter.DEFAULT);
        start(ClusterLogFilter.DEFAULT);
        start(ClusterLogFilter.DEFAULT);

        assertThatThrownBy(streams::requireCapacity)
                .isInstanceOf(CalamariException.class)
                .hasMessageContaining("Too many cluster log streams are open (3)");
        Recorder fourth = start(ClusterLogFilter.DEFAULT);
        fourth.awaitEnd();
        assertThat(streams.openStreams()).isEqualTo(3);
    }

    @Test
    void streamsOfAClusterNoLongerMonitoredEnd() {
        cluster.refuse(Integer.MAX_VALUE);
        Recorder watcher = start(ClusterLogFilter.DEFAULT);
        await().atMost(WAIT).until(() -> cluster.attempts.get() >= 2);

        clusters.forget(FSID);

        watcher.awaitEnd();
        assertThatThrownBy(() -> streams.requireFollowable(FSID))
                .isInstanceOf(CalamariException.class)
                .hasMessageContaining("cannot be followed");
    }

    @Test
    void closingEndsEveryStreamAndDisconnects() {
        Recorder watcher = start(ClusterLogFilter.DEFAULT);
        await().atMost(WAIT).until(() -> cluster.subscribed() == 1);

        streams.close();

        await().atMost(WAIT).until(() -> cluster.closed.get() == 1 && streams.openStreams() == 0);
        assertThat(watcher.ended.getCount())
                .as("the HTTP server closes the connections itself")
                .isOne();
        assertThatThrownBy(streams::requireCapacity).isInstanceOf(CalamariException.class);
    }

    private Recorder start(ClusterLogFilter filter) {
        Recorder recorder = new Recorder();
        streams.start(FSID, filter, recorder, recorder::ended);
        return recorder;
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A client that records what it is sent. */
    private static class Recorder implements ClusterLogStream.Subscriber {
        final List<ClusterLogEntry> received = new CopyOnWriteArrayList<>();
        final AtomicInteger heartbeats = new AtomicInteger();
        final CountDownLatch ended = new CountDownLatch(1);
        volatile boolean open = true;

        @Override
        public boolean open() {
            return open;
        }

        @Override
        public void send(ClusterLogEntry entry) {
            received.add(entry);
        }

        @Override
        public void heartbeat() {
            heartbeats.incrementAndGet();
        }

        void ended() {
            ended.countDown();
        }

        void awaitEnd() {
            try {
                assertThat(ended.await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                        .as("the stream ended")
                        .isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
