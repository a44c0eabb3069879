package io.calamari.ceph.parse;

import static io.calamari.ceph.parse.Fixtures.DEGRADED;
import static io.calamari.ceph.parse.Fixtures.HEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.model.ClusterStatus;
import io.calamari.ceph.model.ClusterVersions;
import io.calamari.ceph.model.HealthCheck;
import io.calamari.ceph.model.HealthReport;
import io.calamari.ceph.model.PgStateCount;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class HealthAndStatusParserTest {
    @Test
    void healthyReportHasNoChecks() {
        HealthReport report = HealthParser.parse(Fixtures.bytes(HEALTHY, "health-detail.json"));

        assertThat(report.status()).isEqualTo("HEALTH_OK");
        assertThat(report.checks()).isEmpty();
        assertThat(report.mutedCodes()).isEmpty();
    }

    @Test
    void degradedReportHasChecksWithSeveritySummaryDetailAndMute() {
        HealthReport report = HealthParser.parse(Fixtures.bytes(DEGRADED, "health-detail.json"));

        assertThat(report.status()).isEqualTo("HEALTH_ERR");
        assertThat(report.checks()).containsOnlyKeys("MDS_ALL_DOWN", "MDS_UP_LESS_THAN_MAX", "OSDMAP_FLAGS");
        HealthCheck down = report.checks().get("MDS_ALL_DOWN");
        assertThat(down.severity()).isEqualTo("HEALTH_ERR");
        assertThat(down.summary()).isEqualTo("1 filesystem is offline");
        assertThat(down.details()).containsExactly("fs cephfs is offline because no MDS is active for it.");
        assertThat(down.muted()).isFalse();
        assertThat(report.checks().get("MDS_UP_LESS_THAN_MAX").muted()).isTrue();
        HealthCheck flags = report.checks().get("OSDMAP_FLAGS");
        assertThat(flags.summary()).isEqualTo("pauserd,pausewr,noout flag(s) set");
        assertThat(flags.count()).isEqualTo(21);
        assertThat(flags.details()).isEmpty();
        assertThat(report.mutedCodes()).containsExactly("MDS_UP_LESS_THAN_MAX");
    }

    @Test
    void acceptsLegacyShapes() {
        HealthReport report = HealthParser.parse(Fixtures.parse("""
                                {"overall_status": "HEALTH_WARN",
                                 "checks": [{"type": "OSD_DOWN", "severity": "HEALTH_WARN",
                                             "summary": "1 osds down", "detail": ["osd.3 is down"]}]}
                                """));

        assertThat(report.status()).isEqualTo("HEALTH_WARN");
        HealthCheck check = report.checks().get("OSD_DOWN");
        assertThat(check.summary()).isEqualTo("1 osds down");
        assertThat(check.details()).containsExactly("osd.3 is down");
        assertThat(report.mutedCodes()).isEmpty();
    }

    @Test
    void healthRequiresStatus() {
        assertThatThrownBy(() -> HealthParser.parse(Fixtures.parse("{\"checks\": {}}")))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("health detail")
                .hasMessageContaining("'status'");
    }

    @Test
    void parsesHealthyStatus() {
        ClusterStatus status = StatusParser.parse(Fixtures.bytes(HEALTHY, "status.json"));

        assertThat(status.fsid()).isEqualTo("56bd728b-177f-4ec7-aa9b-9dbca4741b70");
        assertThat(status.health().status()).isEqualTo("HEALTH_OK");
        assertThat(status.quorumNames()).containsExactly("a");
        assertThat(status.osdCount()).isEqualTo(3);
        assertThat(status.inOsdCount()).isEqualTo(3);
        assertThat(status.pgsByState()).containsExactly(new PgStateCount("active+clean", 1));
        assertThat(status.bytesTotal()).isEqualTo(805_306_368L);
        assertThat(status.versions()).isEqualTo(new ClusterVersions(14, 1, 1, 3, "HEALTH_OK", 1));
    }

    @Test
    void parsesDegradedStatus() {
        ClusterStatus status = StatusParser.parse(Fixtures.bytes(DEGRADED, "status.json"));

        assertThat(status.osdMapEpoch()).isEqualTo(38);
        assertThat(status.fsMapEpoch()).isEqualTo(2);
        assertThat(status.upOsdCount()).isEqualTo(3);
        assertThat(status.inOsdCount()).isEqualTo(2);
        assertThat(status.placementGroupCount()).isEqualTo(23);
        assertThat(status.poolCount()).isEqualTo(7);
        assertThat(status.pgsByState().stream().mapToLong(PgStateCount::count).sum())
                .isEqualTo(status.placementGroupCount());
        assertThat(status.pgsByState()).contains(new PgStateCount("unknown", 4));
        assertThat(status.health().checks()).containsKey("OSDMAP_FLAGS");
        assertThat(status.versions().healthStatus()).isEqualTo("HEALTH_ERR");
    }

    @Test
    void acceptsLuminousNestedOsdMapAndMissingOptionalSections() {
        var edited = Fixtures.edited(DEGRADED, "status.json", root -> {
            ObjectNode nested = root.objectNode();
            nested.set("osdmap", root.get("osdmap"));
            root.set("osdmap", nested);
            root.remove("fsmap");
            root.remove("pgmap");
        });

        ClusterStatus status = StatusParser.parse(edited);

        assertThat(status.osdMapEpoch()).isEqualTo(38);
        assertThat(status.fsMapEpoch()).isZero();
        assertThat(status.placementGroupCount()).isZero();
        assertThat(status.pgsByState()).isEmpty();
    }

    @Test
    void statusRequiresOsdMap() {
        var edited = Fixtures.edited(HEALTHY, "status.json", root -> root.remove("osdmap"));

        assertThatThrownBy(() -> StatusParser.parse(edited))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("'status'")
                .hasMessageContaining("'osdmap'");
    }
}
