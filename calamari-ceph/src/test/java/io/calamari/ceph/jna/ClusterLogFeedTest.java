package io.calamari.ceph.jna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.model.ClusterLogEntry;
import io.calamari.ceph.model.ClusterLogLevel;
import io.calamari.ceph.rados.ClusterConnection;
import io.calamari.ceph.rados.LogSubscription;
import io.calamari.ceph.rados.RadosClient;
import io.calamari.ceph.rados.RadosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following the cluster log through a fake librados: delivery, replacement, unsubscription, no exception escapes. */
class ClusterLogFeedTest {
    private final FakeLibRados library = new FakeLibRados();
    private final List<ClusterLogEntry> received = new CopyOnWriteArrayList<>();
    private ClusterConnection config;

    @BeforeEach
    void writeConf(@TempDir Path directory) throws IOException {
        config = ClusterConnection.admin(Files.writeString(directory.resolve("ceph.conf"), "[global]\n"));
    }

    @Test
    void deliversEntriesUntilUnsubscribed() {
        try (RadosClient client = RadosConnector.connect(library, config)) {
            LogSubscription subscription = client.monitorLog(ClusterLogLevel.DEBUG, received::add);
            library.log("cluster", "client.admin", "client.? 127.0.0.1:0/1119756903", 0, "[INF]", "marker ü");

            subscription.close();
            library.log("cluster", "mon.a", "mon.0 v2:127.0.0.1:42033/0", 7, "[WRN]", "after close");
            subscription.close();

            assertThat(received)
                    .containsExactly(new ClusterLogEntry(
                            "client.admin",
                            "client.?",
                            Instant.ofEpochSecond(1_795_305_890L, 377_659_508L),
                            0,
                            "cluster",
                            ClusterLogLevel.INFO,
                            "marker ü"));
            assertThat(library.monitorLogCalls).containsExactly("debug", "-");
        }
    }

    @Test
    void aListenerThatThrowsDoesNotReachLibrados() {
        try (RadosClient client = RadosConnector.connect(library, config)) {
            client.monitorLog(ClusterLogLevel.INFO, entry -> {
                received.add(entry);
                throw new IllegalStateException("listener failure");
            });

            library.log("cluster", "mon.a", "mon.0", 1, "[INF]", "one");
            library.log("cluster", "mon.a", "mon.0", 2, "[???]", "unknown priority, dropped");
            library.log("cluster", "mon.a", "mon.0", 3, "[ERR]", "three");

            assertThat(received).extracting(ClusterLogEntry::seq).containsExactly(1L, 3L);
        }
    }

    @Test
    void subscribingAgainReplacesTheEarlierListener() {
        List<ClusterLogEntry> first = new CopyOnWriteArrayList<>();
        try (RadosClient client = RadosConnector.connect(library, config)) {
            LogSubscription replaced = client.monitorLog(ClusterLogLevel.INFO, first::add);
            client.monitorLog(ClusterLogLevel.WARN, received::add);
            library.log("audit", "mon.a", "mon.0", 5, "[WRN]", "to the second");
            replaced.close();
            library.log("audit", "mon.a", "mon.0", 6, "[WRN]", "still to the second");

            assertThat(first).isEmpty();
            assertThat(received).extracting(ClusterLogEntry::seq).containsExactly(5L, 6L);
            assertThat(library.monitorLogCalls).containsExactly("info", "warn");
        }
    }

    @Test
    void callbacksAreHeldWhileLibradosHasThem() {
        int before = ClusterLogFeed.heldCallbacks();
        RadosClient client = RadosConnector.connect(library, config);
        client.monitorLog(ClusterLogLevel.INFO, received::add);
        assertThat(ClusterLogFeed.heldCallbacks()).isEqualTo(before + 1);

        client.close();

        assertThat(ClusterLogFeed.heldCallbacks()).isEqualTo(before);
        assertThatThrownBy(() -> client.monitorLog(ClusterLogLevel.INFO, received::add))
                .isInstanceOf(RadosException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aRefusalIsARadosException() {
        library.monitorLogResult = -22;
        try (RadosClient client = RadosConnector.connect(library, config)) {
            int before = ClusterLogFeed.heldCallbacks();
            assertThatThrownBy(() -> client.monitorLog(ClusterLogLevel.SEC, received::add))
                    .isInstanceOf(RadosException.class)
                    .hasMessageContaining("subscribing to the cluster log failed");
            assertThat(ClusterLogFeed.heldCallbacks()).isEqualTo(before);
        }
    }
}
