package io.calamari.server.cluster;

import io.calamari.ceph.model.ClusterStatus;
import io.calamari.ceph.model.HealthReport;
import io.calamari.ceph.model.MonMap;
import io.calamari.ceph.model.OsdMap;
import io.calamari.ceph.model.PgSummary;
import io.calamari.ceph.model.QuorumStatus;
import io.calamari.ceph.parse.ConfigDumpParser;
import io.calamari.ceph.parse.CrushDumpParser;
import io.calamari.ceph.parse.DfParser;
import io.calamari.ceph.parse.Fixtures;
import io.calamari.ceph.parse.FsDumpParser;
import io.calamari.ceph.parse.HealthParser;
import io.calamari.ceph.parse.MonDumpParser;
import io.calamari.ceph.parse.OsdDumpParser;
import io.calamari.ceph.parse.OsdMetadataParser;
import io.calamari.ceph.parse.OsdTreeParser;
import io.calamari.ceph.parse.PgDumpParser;
import io.calamari.ceph.parse.QuorumStatusParser;
import io.calamari.ceph.parse.StatusParser;
import java.time.Instant;
import java.util.Optional;

/**
 * Snapshots built from the real Ceph output recorded in calamari-ceph's test resources
 * ({@link Fixtures#HEALTHY}, {@link Fixtures#DEGRADED}, {@link Fixtures#EMPTY}), for tests of
 * everything that reads snapshots.
 */
public final class FixtureSnapshots {
    public static final Instant FETCHED = Instant.parse("2026-01-01T00:00:00Z");

    private FixtureSnapshots() {}

    public static ClusterSnapshot healthy() {
        return of(Fixtures.HEALTHY);
    }

    public static ClusterSnapshot degraded() {
        return of(Fixtures.DEGRADED);
    }

    /** A snapshot of the recorded cluster {@code directory}, as if every part was fetched at {@link #FETCHED}. */
    public static ClusterSnapshot of(String directory) {
        ClusterStatus status = StatusParser.parse(Fixtures.bytes(directory, "status.json"));
        OsdMap osdMap = OsdDumpParser.parse(Fixtures.bytes(directory, "osd-dump.json"));
        OsdMapPart osdMapPart = OsdMapPart.of(
                osdMap,
                OsdTreeParser.parse(Fixtures.bytes(directory, "osd-tree.json")),
                CrushDumpParser.parse(Fixtures.bytes(directory, "osd-crush-dump.json")),
                OsdMetadataParser.parse(Fixtures.bytes(directory, "osd-metadata.json")),
                optionalPart(directory, "crushmap.bin", CompiledCrushMap::new).map(Part::value));
        var monMap = MonDumpParser.parse(Fixtures.bytes(directory, "mon-dump.json"));
        var quorum = QuorumStatusParser.parse(Fixtures.bytes(directory, "quorum_status.json"));
        return new ClusterSnapshot(
                status.fsid(),
                "ceph",
                FETCHED,
                true,
                Optional.empty(),
                false,
                part(status, status.osdMapEpoch()),
                part(osdMapPart, osdMap.epoch()),
                part(monMap, monMap.epoch()),
                part(quorum, quorum.electionEpoch()),
                optionalPart(directory, "fs-dump.json", bytes -> FsDumpParser.parse(bytes)),
                part(HealthParser.parse(Fixtures.bytes(directory, "health-detail.json")), 1),
                optionalPart(directory, "daemon-config-show.json", ConfigDumpParser::parseShow),
                optionalPart(directory, "df-detail.json", DfParser::parse),
                optionalPart(
                        directory,
                        "pg-dump-pgs_brief.json",
                        json -> PgDumpParser.table(json).summary()));
    }

    /** The same snapshot under another fsid, e.g. to stand for a second cluster. */
    public static ClusterSnapshot withFsid(ClusterSnapshot s, String fsid) {
        return edit(s).fsid(fsid).build();
    }

    /** The same snapshot with this configuration part (empty: not fetched yet). */
    public static ClusterSnapshot withConfig(ClusterSnapshot s, Optional<Part<java.util.Map<String, String>>> config) {
        return edit(s).config(config).build();
    }

    /** The same snapshot with this OSD map part. */
    public static ClusterSnapshot withOsdMap(ClusterSnapshot s, OsdMapPart osdMap) {
        return edit(s).osdMap(Optional.of(new Part<>(osdMap, 1, FETCHED))).build();
    }

    /** The same snapshot before its mon map and quorum were fetched. */
    public static ClusterSnapshot withoutMons(ClusterSnapshot s) {
        return edit(s).monMap(Optional.empty()).quorum(Optional.empty()).build();
    }

    /** A copy of {@code s} to change part by part: {@code edit(s).updateTime(t).build()}. */
    public static Edit edit(ClusterSnapshot s) {
        return new Edit(s);
    }

    /** A snapshot being copied with changes. Not thread-safe; for building test snapshots. */
    public static final class Edit {
        private String fsid;
        private Instant updateTime;
        private Optional<Part<ClusterStatus>> status;
        private Optional<Part<OsdMapPart>> osdMap;
        private Optional<Part<MonMap>> monMap;
        private Optional<Part<QuorumStatus>> quorum;
        private Optional<Part<HealthReport>> health;
        private Optional<Part<java.util.Map<String, String>>> config;
        private Optional<Part<PgSummary>> pgSummary;
        private final ClusterSnapshot original;

        private Edit(ClusterSnapshot s) {
            original = s;
            fsid = s.fsid();
            updateTime = s.updateTime();
            status = s.status();
            osdMap = s.osdMap();
            monMap = s.monMap();
            quorum = s.quorum();
            health = s.health();
            config = s.config();
            pgSummary = s.pgSummary();
        }

        public Edit fsid(String value) {
            fsid = value;
            return this;
        }

        public Edit updateTime(Instant value) {
            updateTime = value;
            return this;
        }

        public Edit status(Optional<Part<ClusterStatus>> value) {
            status = value;
            return this;
        }

        public Edit osdMap(Optional<Part<OsdMapPart>> value) {
            osdMap = value;
            return this;
        }

        public Edit monMap(Optional<Part<MonMap>> value) {
            monMap = value;
            return this;
        }

        public Edit quorum(Optional<Part<QuorumStatus>> value) {
            quorum = value;
            return this;
        }

        public Edit health(Optional<Part<HealthReport>> value) {
            health = value;
            return this;
        }

        public Edit config(Optional<Part<java.util.Map<String, String>>> value) {
            config = value;
            return this;
        }

        public Edit pgSummary(Optional<Part<PgSummary>> value) {
            pgSummary = value;
            return this;
        }

        public ClusterSnapshot build() {
            return new ClusterSnapshot(
                    fsid,
                    original.name(),
                    updateTime,
                    original.reachable(),
                    original.lastError(),
                    original.restored(),
                    status,
                    osdMap,
                    monMap,
                    quorum,
                    original.fsMap(),
                    health,
                    config,
                    original.df(),
                    pgSummary);
        }
    }

    private static <T> Optional<Part<T>> part(T value, long version) {
        return Optional.of(new Part<>(value, version, FETCHED));
    }

    private static <T> Optional<Part<T>> optionalPart(
            String directory, String file, java.util.function.Function<byte[], T> parser) {
        byte[] bytes;
        try {
            bytes = Fixtures.bytes(directory, file);
        } catch (RuntimeException missing) {
            return Optional.empty();
        }
        return part(parser.apply(bytes), 1);
    }
}
