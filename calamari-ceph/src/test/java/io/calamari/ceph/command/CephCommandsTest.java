package io.calamari.ceph.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.command.CephCommand.Target;
import io.calamari.ceph.jna.RadosConnector;
import io.calamari.ceph.model.ClusterLogEntry;
import io.calamari.ceph.model.ClusterLogLevel;
import io.calamari.ceph.model.ClusterStatus;
import io.calamari.ceph.model.OsdMap;
import io.calamari.ceph.model.PgSummary;
import io.calamari.ceph.rados.ClusterConnection;
import io.calamari.ceph.rados.CommandResult;
import io.calamari.ceph.rados.RadosClient;
import io.calamari.ceph.rados.RadosException;
import io.calamari.testkit.CephCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every command the monitor uses, sent to a real cluster: right daemon, and the answer parses. */
class CephCommandsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
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
    void statusGivesTheVersionVector() {
        ClusterStatus status = CephCommands.status().run(client, TIMEOUT);
        assertThat(status.fsid()).isEqualTo(cluster.fsid());
        assertThat(status.osdCount()).isEqualTo(3);
        assertThat(status.osdMapEpoch()).isPositive();
        assertThat(status.quorumNames()).containsExactly("a");
    }

    @Test
    void osdMapPartsAgreeOnTheEpoch() {
        OsdMap map = CephCommands.osdDump().run(client, TIMEOUT);
        assertThat(map.osds()).hasSize(3);
        assertThat(CephCommands.osdTree(map.epoch()).run(client, TIMEOUT).nodes())
                .anySatisfy(node -> assertThat(node.name()).isEqualTo("node2"));
        assertThat(CephCommands.crushDump().run(client, TIMEOUT).buckets()).isNotEmpty();
        assertThat(CephCommands.osdMetadata().run(client, TIMEOUT)).hasSize(3);
    }

    @Test
    void monitorCommandsParse() {
        assertThat(CephCommands.monDump().run(client, TIMEOUT).mons()).hasSize(1);
        assertThat(CephCommands.quorumStatus().run(client, TIMEOUT).quorumNames())
                .containsExactly("a");
        assertThat(CephCommands.fsDump().run(client, TIMEOUT).filesystems()).isEmpty();
        assertThat(CephCommands.healthDetail().run(client, TIMEOUT).status()).startsWith("HEALTH_");
    }

    @Test
    void managerCommandsParse() {
        assertThat(CephCommands.df().run(client, TIMEOUT).totalBytes()).isPositive();
        PgSummary pgs = CephCommands.placementGroups().run(client, TIMEOUT).summary();
        long total = pgs.all().values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isEqualTo(CephCommands.status().run(client, TIMEOUT).placementGroupCount());
        Map<String, String> config = CephCommands.configShow("mon.a").run(client, TIMEOUT);
        assertThat(config).containsEntry("osd_pool_default_size", "2");
    }

    @Test
    void logLastListsTheNewestEntriesOfAChannel() {
        String marker = "log-last-" + UUID.randomUUID();
        client.monCommand(Map.of("prefix", "log", "logtext", List.of(marker)), TIMEOUT)
                .requireSuccess();

        List<ClusterLogEntry> cluster =
                CephCommands.logLast(5, ClusterLogLevel.INFO, "cluster").run(client, TIMEOUT);
        assertThat(cluster)
                .hasSizeBetween(1, 5)
                .allMatch(entry -> entry.channel().equals("cluster"));
        assertThat(cluster).anySatisfy(entry -> assertThat(entry.message()).isEqualTo(marker));
        List<ClusterLogEntry> audit =
                CephCommands.logLast(2, ClusterLogLevel.DEBUG, "audit").run(client, TIMEOUT);
        assertThat(audit).hasSize(2).allMatch(entry -> entry.channel().equals("audit"));
        assertThat(CephCommands.logLast(40, ClusterLogLevel.WARN, "*").run(client, TIMEOUT))
                .allMatch(entry -> entry.level().isAtLeast(ClusterLogLevel.WARN));
        assertThatThrownBy(() -> CephCommands.logLast(0, ClusterLogLevel.INFO, "cluster"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commandLinesParsedWithTheClustersOwnDescriptionsRun() {
        CommandLineParser parser = new CommandLineParser(CommandDescriptions.of(
                CephCommands.commandDescriptions(Target.MON).run(client, TIMEOUT),
                CephCommands.commandDescriptions(Target.MGR).run(client, TIMEOUT)));

        ParsedCommandLine pools = parser.parse("ceph osd pool ls detail -f json");
        assertThat(pools.target()).isEqualTo(Target.MON);
        CommandResult listed = client.monCommand(pools.arguments(), TIMEOUT);
        assertThat(listed.returnCode()).isZero();
        assertThat(listed.outputText()).startsWith("[");

        ParsedCommandLine placementGroups = parser.parse(List.of("ceph", "pg", "dump", "pgs_brief", "--format=json"));
        assertThat(placementGroups.target()).isEqualTo(Target.MGR);
        assertThat(new String(placementGroups.toCephCommand().run(client, TIMEOUT), StandardCharsets.UTF_8))
                .contains("\"pg_stats\"");

        CommandResult refused = client.monCommand(
                parser.parse("ceph osd pool get nosuchpool size").arguments(), TIMEOUT);
        assertThat(refused.returnCode()).isEqualTo(-2);
        assertThat(refused.status()).contains("nosuchpool");
    }

    @Test
    void aRefusedCommandFailsWithCephsOwnMessage() {
        assertThatThrownBy(() -> CephCommands.configShow("mon.nosuchmon").run(client, TIMEOUT))
                .isInstanceOf(RadosException.class)
                .hasMessageContaining("config show-with-defaults");
    }
}
