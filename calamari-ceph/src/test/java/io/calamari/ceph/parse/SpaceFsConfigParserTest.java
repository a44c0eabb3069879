package io.calamari.ceph.parse;

import static io.calamari.ceph.parse.Fixtures.DEGRADED;
import static io.calamari.ceph.parse.Fixtures.HEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.model.ClusterDf;
import io.calamari.ceph.model.ConfigEntry;
import io.calamari.ceph.model.Filesystem;
import io.calamari.ceph.model.FsMap;
import io.calamari.ceph.model.MdsInfo;
import io.calamari.ceph.model.OsdMetadata;
import io.calamari.ceph.model.PoolUsage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SpaceFsConfigParserTest {
    @Test
    void parsesDf() {
        ClusterDf df = DfParser.parse(Fixtures.bytes(HEALTHY, "df.json"));

        assertThat(df.totalBytes()).isEqualTo(805_306_368L);
        assertThat(df.totalUsedBytes()).isEqualTo(108_171L);
        assertThat(df.totalAvailableBytes()).isEqualTo(805_198_197L);
        PoolUsage pool = df.pool(1).orElseThrow();
        assertThat(pool.name()).isEqualTo("device_health_metrics");
        assertThat(pool.maxAvailable()).isEqualTo(382_465_216L);
        assertThat(pool.objects()).isZero();
    }

    @Test
    void parsesDfDetailOfDegradedCluster() {
        ClusterDf df = DfParser.parse(Fixtures.bytes(DEGRADED, "df-detail.json"));

        assertThat(df.totalBytes()).isEqualTo(536_870_912L);
        assertThat(df.pools()).extracting(PoolUsage::id).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(df.pool(3).orElseThrow().maxAvailable()).isEqualTo(509_709_920L);
        assertThat(df.pool(4).orElseThrow().maxAvailable()).isZero();
    }

    @Test
    void dfAcceptsPreFireflyKilobytesAndPreNautilusBytesUsed() {
        ClusterDf df = DfParser.parse(Fixtures.parse("""
                                {"stats": {"total_space": 100, "total_used": 40, "total_avail": 60},
                                 "pools": [{"name": "rbd", "id": 2,
                                            "stats": {"bytes_used": 1234, "objects": 5}}]}
                                """));

        assertThat(df.totalBytes()).isEqualTo(102_400);
        assertThat(df.totalUsedBytes()).isEqualTo(40_960);
        assertThat(df.pool(2).orElseThrow().stored()).isEqualTo(1234);
        assertThat(df.pool(2).orElseThrow().readOps())
                .as("plain df has no IO counters")
                .isZero();
    }

    @Test
    void dfDetailCarriesEachPoolsClientIoCounters() {
        ClusterDf df = DfParser.parse(Fixtures.parse("""
                                {"stats": {"total_bytes": 100, "total_used_bytes": 40, "total_avail_bytes": 60},
                                 "pools": [{"name": "rbd", "id": 2, "stats": {"stored": 7, "objects": 1,
                                            "rd": 11, "rd_bytes": 4096, "wr": 3, "wr_bytes": 8192}}]}
                                """));

        PoolUsage pool = df.pool(2).orElseThrow();
        assertThat(List.of(pool.readOps(), pool.readBytes(), pool.writeOps(), pool.writeBytes()))
                .containsExactly(11L, 4_096L, 3L, 8_192L);
    }

    @Test
    void dfRequiresTotals() {
        var edited =
                Fixtures.edited(HEALTHY, "df.json", root -> ((ObjectNode) root.get("stats")).remove("total_bytes"));

        assertThatThrownBy(() -> DfParser.parse(edited))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("'df'")
                .hasMessageContaining("total_bytes");
    }

    @Test
    void parsesFsDump() {
        assertThat(FsDumpParser.parse(Fixtures.bytes(HEALTHY, "fs-dump.json")))
                .isEqualTo(new FsMap(1, List.of(), List.of()));

        FsMap map = FsDumpParser.parse(Fixtures.bytes(DEGRADED, "fs-dump.json"));

        assertThat(map.epoch()).isEqualTo(2);
        Filesystem filesystem = map.filesystems().get(0);
        assertThat(filesystem.id()).isEqualTo(1);
        assertThat(filesystem.name()).isEqualTo("cephfs");
        assertThat(filesystem.maxMds()).isEqualTo(1);
        assertThat(filesystem.metadataPool()).isEqualTo(6);
        assertThat(filesystem.dataPools()).containsExactly(7);
        assertThat(filesystem.mds()).isEmpty();
    }

    @Test
    void parsesMdsInfoAndLegacySingleMdsMap() {
        FsMap map = FsDumpParser.parse(Fixtures.parse("""
                                {"epoch": 9, "max_mds": 1, "in": [0], "fs_name": "legacy",
                                 "info": {"gid_4123": {"gid": 4123, "name": "m1", "rank": 0,
                                                       "state": "up:active", "new": 1}}}
                                """));

        assertThat(map.filesystems().get(0).mds()).containsExactly(new MdsInfo(4123, "m1", "up:active", 0));
        assertThat(map.filesystems().get(0).in()).containsExactly(0);
        assertThatThrownBy(() -> FsDumpParser.parse(Fixtures.parse("{\"epoch\": 3}")))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("'filesystems'");
    }

    @Test
    void parsesConfigDumpAndConfigShow() {
        List<ConfigEntry> entries = ConfigDumpParser.parse(Fixtures.bytes(HEALTHY, "config-dump.json"));

        assertThat(entries)
                .containsExactly(new ConfigEntry(
                        "mon", "mon_warn_on_insecure_global_id_reclaim_allowed", "false", "advanced", true, ""));
        var show = ConfigDumpParser.parseShow(Fixtures.bytes(HEALTHY, "daemon-config-show.json"));
        assertThat(show)
                .containsEntry("name", "mon.a")
                .containsEntry("fsid", "56bd728b-177f-4ec7-aa9b-9dbca4741b70")
                .containsEntry("mon_max_pool_pg_num", "65536")
                .containsEntry("osd_pool_default_size", "2");
        var fromManager = ConfigDumpParser.parseShow(Fixtures.bytes(HEALTHY, "mgr-config-show-with-defaults.json"));
        assertThat(fromManager)
                .as("the manager's view: every option, fsid left at its default")
                .containsEntry("fsid", "00000000-0000-0000-0000-000000000000")
                .containsEntry("osd_pool_default_size", "2")
                .containsEntry("mon_max_pool_pg_num", "65536");
        assertThatThrownBy(() -> ConfigDumpParser.parseShow("[{\"value\": \"1\"}]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("'name'");
        assertThatThrownBy(() -> ConfigDumpParser.parse(Fixtures.parse("[{\"value\": \"1\"}]")))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("'name'");
    }

    @Test
    void parsesOsdMetadataOfAllOsds() {
        List<OsdMetadata> metadata = OsdMetadataParser.parse(Fixtures.bytes(DEGRADED, "osd-metadata.json"));

        assertThat(metadata).extracting(OsdMetadata::osd).containsExactly(0, 1, 2);
        OsdMetadata first = metadata.get(0);
        assertThat(first.hostname()).hasValue("vm");
        assertThat(first.objectStore()).hasValue("memstore");
        assertThat(first.osdData()).hasValue("/var/lib/ceph-lab/osd.0");
        assertThat(first.cephVersion()).hasValueSatisfying(v -> assertThat(v).contains("16.2.15"));
        assertThat(first.field("arch")).hasValue("x86_64");
        assertThat(first.deviceIds()).isEmpty();
        assertThat(first.backendPartitionPath()).isEmpty();
        assertThat(first.fields()).containsEntry("id", "0").hasSizeGreaterThan(30);
    }

    @Test
    void osdMetadataToleratesOneOsdDocumentsAndRejectsEntriesWithoutId() {
        OsdMetadata one = OsdMetadataParser.parseOne(7, Fixtures.parse("{\"hostname\": \"storage7\"}"));
        assertThat(one.osd()).isEqualTo(7);
        assertThat(one.hostname()).hasValue("storage7");

        assertThatThrownBy(() -> OsdMetadataParser.parse(Fixtures.parse("[{\"hostname\": \"x\"}]")))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("osd metadata")
                .hasMessageContaining("'id'");
    }
}
