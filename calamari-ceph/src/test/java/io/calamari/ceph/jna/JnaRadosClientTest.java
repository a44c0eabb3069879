package io.calamari.ceph.jna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.calamari.ceph.model.ClusterLogEntry;
import io.calamari.ceph.model.ClusterLogLevel;
import io.calamari.ceph.rados.ClusterConnection;
import io.calamari.ceph.rados.CommandResult;
import io.calamari.ceph.rados.LogSubscription;
import io.calamari.ceph.rados.RadosClient;
import io.calamari.ceph.rados.RadosException;
import io.calamari.ceph.rados.RadosTimeoutException;
import io.calamari.protocol.Json;
import io.calamari.testkit.CephCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** librados through JNA against the shared private cluster (3 OSDs on 3 hosts). */
class JnaRadosClientTest {
    private static final JsonMapper MAPPER = Json.newMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(3);

    private static CephCluster cluster;
    private static RadosClient client;

    @BeforeAll
    static void connect() {
        cluster = CephCluster.shared();
        client = RadosConnector.connect(ClusterConnection.admin(cluster.confFile()));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void fsidIsTheClusters() {
        assertThat(client.fsid()).isEqualTo(cluster.fsid());
    }

    @Test
    void monCommandReturnsJsonStatus() {
        CommandResult result = client.monCommand(Map.of("prefix", "status", "format", "json"), TIMEOUT);

        assertThat(result.returnCode()).isZero();
        assertThat(json(result).path("fsid").asString()).isEqualTo(cluster.fsid());
    }

    @Test
    void osdDumpListsThreeOsds() {
        CommandResult result = client.monCommand(Map.of("prefix", "osd dump", "format", "json"), TIMEOUT)
                .requireSuccess();

        JsonNode osds = json(result).path("osds");
        assertThat(osds.size()).isEqualTo(3);
        assertThat(osds.findValuesAsString("uuid")).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void mgrCommandReturnsPlacementGroupSummary() {
        CommandResult result = client.mgrCommand(Map.of("prefix", "pg stat", "format", "json"), TIMEOUT);

        assertThat(result.returnCode()).as(result.status()).isZero();
        assertThat(json(result).path("pg_summary").has("num_pgs")).isTrue();
    }

    @Test
    void osdCommandReachesTheDaemon() {
        CommandResult result = client.osdCommand(0, Map.of("prefix", "version"), TIMEOUT);

        assertThat(result.returnCode()).as(result.status()).isZero();
        assertThat(json(result).path("release").asString()).isEqualTo("pacific");
    }

    @Test
    void unknownCommandReturnsCephsErrorInsteadOfThrowing() {
        CommandResult result = client.monCommand(Map.of("prefix", "no such command"), TIMEOUT);

        assertThat(result.returnCode()).isEqualTo(-22);
        assertThat(result.status()).isNotBlank();
        assertThatThrownBy(result::requireSuccess)
                .isInstanceOf(RadosException.class)
                .hasMessageContaining("-22 EINVAL")
                .extracting(e -> ((RadosException) e).errno())
                .isEqualTo(-22);
    }

    @Test
    void wrongKeyringFailsAuthenticationWithinTheTimeout(@TempDir Path directory) throws IOException {
        Path keyring = Files.writeString(
                directory.resolve("wrong.keyring"), "[client.admin]\n\tkey = " + randomCephxKey() + "\n");
        ClusterConnection wrong =
                ClusterConnection.admin(cluster.confFile()).withKeyring(keyring).withOperationTimeout(SHORT_TIMEOUT);

        long start = System.nanoTime();
        assertThatThrownBy(() -> RadosConnector.connect(wrong))
                .isInstanceOf(RadosException.class)
                .isNotInstanceOf(RadosTimeoutException.class)
                .hasMessageStartingWith("authentication failed for client.admin (check the keyring");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT_TIMEOUT.plusSeconds(5));
    }

    @Test
    void unreachableMonitorTimesOutAndFreesTheCaller(@TempDir Path directory) throws IOException {
        Path conf = Files.writeString(directory.resolve("ceph.conf"), """
                [global]
                fsid = %s
                mon host = v2:127.0.0.1:%d
                auth client required = cephx
                keyring = %s
                log file = %s
                """.formatted(
                        UUID.randomUUID(), closedPort(), cluster.keyring(), directory.resolve("client.log")));
        ClusterConnection unreachable = ClusterConnection.admin(conf).withOperationTimeout(SHORT_TIMEOUT);

        long start = System.nanoTime();
        assertThatThrownBy(() -> RadosConnector.connect(unreachable)).isInstanceOf(RadosTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT_TIMEOUT.plusSeconds(5));
    }

    @Test
    void commandToAStoppedMonitorTimesOutAndTheClientRecoversWhenItReturns() {
        try (RadosClient own = RadosConnector.connect(
                ClusterConnection.admin(cluster.confFile()).withOperationTimeout(Duration.ofSeconds(5)))) {
            cluster.stopMon();
            try {
                long start = System.nanoTime();
                assertThatThrownBy(() -> own.monCommand(Map.of("prefix", "fsid"), Duration.ofSeconds(1)))
                        .isInstanceOf(RadosTimeoutException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            } finally {
                cluster.startMon();
            }
            assertThat(own.monCommand(Map.of("prefix", "fsid"), TIMEOUT)
                            .outputText()
                            .strip())
                    .isEqualTo(cluster.fsid());
        }
    }

    @Test
    void missingConfigurationFileIsReportedByName(@TempDir Path directory) {
        Path missing = directory.resolve("missing.conf");

        assertThatThrownBy(() -> RadosConnector.connect(ClusterConnection.admin(missing)))
                .isInstanceOf(RadosException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void closingTwiceIsSafeAndLaterCommandsFail() {
        RadosClient second = RadosConnector.connect(ClusterConnection.admin(cluster.confFile()));
        assertThat(second.monCommand(Map.of("prefix", "fsid"), TIMEOUT)
                        .outputText()
                        .strip())
                .isEqualTo(cluster.fsid());

        second.close();
        second.close();

        assertThatThrownBy(() -> second.monCommand(Map.of("prefix", "fsid"), TIMEOUT))
                .isInstanceOf(RadosException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void monitorLogDeliversAnEntryAsItIsLogged() {
        String marker = "jna-log-" + UUID.randomUUID();
        List<ClusterLogEntry> entries = new CopyOnWriteArrayList<>();
        try (RadosClient follower = RadosConnector.connect(ClusterConnection.admin(cluster.confFile()));
                LogSubscription subscription = follower.monitorLog(ClusterLogLevel.INFO, entries::add)) {
            long start = System.nanoTime();
            client.monCommand(Map.of("prefix", "log", "logtext", List.of(marker)), TIMEOUT)
                    .requireSuccess();

            ClusterLogEntry entry =
                    awaitEntry(entries, candidate -> candidate.message().equals(marker));
            System.out.printf(
                    "cluster log entry delivered %d ms after the 'log' command was sent%n",
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
            assertThat(entry.name()).isEqualTo("client.admin");
            assertThat(entry.rank()).startsWith("client.");
            assertThat(entry.channel()).isEqualTo("cluster");
            assertThat(entry.level()).isEqualTo(ClusterLogLevel.INFO);
            assertThat(entry.stamp()).isBetween(Instant.now().minusSeconds(60), Instant.now());
            ClusterLogEntry audit = awaitEntry(
                    entries,
                    candidate -> candidate.channel().equals("audit")
                            && candidate.message().contains(marker));
            assertThat(audit.name()).isEqualTo("mon.a");
            assertThat(audit.rank()).isEqualTo("mon.0");
        }
    }

    private static ClusterLogEntry awaitEntry(List<ClusterLogEntry> entries, Predicate<ClusterLogEntry> wanted) {
        return await().atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> entries.stream().filter(wanted).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static JsonNode json(CommandResult result) {
        return MAPPER.readTree(result.outputText());
    }

    /** A well-formed cephx secret (type AES, creation time, 16 random bytes) that the cluster does not know. */
    private static String randomCephxKey() {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        ByteBuffer key = ByteBuffer.allocate(2 + 4 + 4 + 2 + secret.length).order(ByteOrder.LITTLE_ENDIAN);
        key.putShort((short) 1)
                .putInt((int) (System.currentTimeMillis() / 1000))
                .putInt(0);
        key.putShort((short) secret.length).put(secret);
        return Base64.getEncoder().encodeToString(key.array());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            return socket.getLocalPort();
        }
    }
}
