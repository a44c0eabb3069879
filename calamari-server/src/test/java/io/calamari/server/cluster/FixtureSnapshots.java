package io.calamari.server.cluster;

import io.calamari.ceph.model.ClusterStatus;
import io.calamari.ceph.model.OsdMap;
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
import io.calamari.ceph.parse.PgSummaryReducer;
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
                part(status, status.osdMapEpoch()),
                part(osdMapPart, osdMap.epoch()),
                part(monMap, monMap.epoch()),
                part(quorum, quorum.electionEpoch()),
                optionalPart(directory, "fs-dump.json", bytes -> FsDumpParser.parse(bytes)),
                part(HealthParser.parse(Fixtures.bytes(directory, "health-detail.json")), 1),
                optionalPart(directory, "daemon-config-show.json", ConfigDumpParser::parseShow),
                optionalPart(directory, "df-detail.json", DfParser::parse),
                optionalPart(directory, "pg-dump-pgs_brief.json", PgSummaryReducer::reduce));
    }

    /** The same snapshot under another fsid, e.g. to stand for a second cluster. */
    public static ClusterSnapshot withFsid(ClusterSnapshot s, String fsid) {
        return new ClusterSnapshot(
                fsid,
                s.name(),
                s.updateTime(),
                s.reachable(),
                s.lastError(),
                s.status(),
                s.osdMap(),
                s.monMap(),
                s.quorum(),
                s.fsMap(),
                s.health(),
                s.config(),
                s.df(),
                s.pgSummary());
    }

    /** The same snapshot with this configuration part (empty: not fetched yet). */
    public static ClusterSnapshot withConfig(ClusterSnapshot s, Optional<Part<java.util.Map<String, String>>> config) {
        return new ClusterSnapshot(
                s.fsid(),
                s.name(),
                s.updateTime(),
                s.reachable(),
                s.lastError(),
                s.status(),
                s.osdMap(),
                s.monMap(),
                s.quorum(),
                s.fsMap(),
                s.health(),
                config,
                s.df(),
                s.pgSummary());
    }

    /** The same snapshot with this OSD map part. */
    public static ClusterSnapshot withOsdMap(ClusterSnapshot s, OsdMapPart osdMap) {
        return new ClusterSnapshot(
                s.fsid(),
                s.name(),
                s.updateTime(),
                s.reachable(),
                s.lastError(),
                s.status(),
                Optional.of(new Part<>(osdMap, 1, FETCHED)),
                s.monMap(),
                s.quorum(),
                s.fsMap(),
                s.health(),
                s.config(),
                s.df(),
                s.pgSummary());
    }

    /** The same snapshot before its mon map and quorum were fetched. */
    public static ClusterSnapshot withoutMons(ClusterSnapshot s) {
        return new ClusterSnapshot(
                s.fsid(),
                s.name(),
                s.updateTime(),
                s.reachable(),
                s.lastError(),
                s.status(),
                s.osdMap(),
                Optional.empty(),
                Optional.empty(),
                s.fsMap(),
                s.health(),
                s.config(),
                s.df(),
                s.pgSummary());
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
