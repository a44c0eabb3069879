package io.calamari.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.ceph.parse.Fixtures;
import io.calamari.protocol.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stored snapshots read back equal to what was stored, for every recorded cluster and every part. */
class SnapshotCodecTest {
    private final SnapshotCodec codec = new SnapshotCodec(Json.newMapper());

    static SnapshotStore.StoredSnapshot stored(SnapshotCodec codec, ClusterSnapshot snapshot, int format) {
        Map<String, SnapshotStore.StoredPart> parts = new LinkedHashMap<>();
        SnapshotCodec.parts(snapshot)
                .forEach((name, part) -> part.ifPresent(value -> parts.put(name, codec.encode(name, value))));
        return new SnapshotStore.StoredSnapshot(snapshot.fsid(), snapshot.name(), snapshot.updateTime(), format, parts);
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.HEALTHY, Fixtures.DEGRADED})
    void everyPartOfARecordedClusterReadsBackEqual(String directory) {
        ClusterSnapshot original = FixtureSnapshots.of(directory);

        ClusterSnapshot decoded =
                codec.decode(stored(codec, original, SnapshotCodec.FORMAT)).orElseThrow();

        assertThat(decoded).isEqualTo(original);
        SnapshotCodec.parts(original)
                .forEach((name, part) -> assertThat(SnapshotCodec.parts(decoded).get(name))
                        .as(name)
                        .isEqualTo(part));
    }

    @Test
    void theRecordedClustersHaveEveryPartSoTheRoundTripCoversThemAll() {
        assertThat(SnapshotCodec.parts(FixtureSnapshots.healthy()).values()).allMatch(Optional::isPresent);
        assertThat(SnapshotCodec.parts(FixtureSnapshots.degraded()).values()).allMatch(Optional::isPresent);
        assertThat(FixtureSnapshots.degraded().osdMap().orElseThrow().value().compiledCrush())
                .isPresent();
    }

    @Test
    void theOsdMapIsStoredWithoutItsDerivedIndexesAndRebuiltOnLoad() throws IOException {
        ClusterSnapshot original = FixtureSnapshots.degraded();
        SnapshotStore.StoredPart stored =
                codec.encode(SnapshotCodec.OSD_MAP, original.osdMap().orElseThrow());

        String json = gunzip(stored.body());

        assertThat(json).contains("\"map\"", "\"tree\"", "\"crush\"", "\"metadata\"", "\"compiledCrush\"");
        assertThat(json).doesNotContain("\"index\"", "hostByOsd");
        assertThat(codec.decode(stored(codec, original, SnapshotCodec.FORMAT))
                        .orElseThrow()
                        .osdMap()
                        .orElseThrow()
                        .value()
                        .index())
                .isEqualTo(original.osdMap().orElseThrow().value().index());
    }

    @Test
    void aPartThatCannotBeReadIsLeftOutAndTheRestLoads() {
        ClusterSnapshot original = FixtureSnapshots.healthy();
        Map<String, SnapshotStore.StoredPart> parts = new LinkedHashMap<>(
                stored(codec, original, SnapshotCodec.FORMAT).parts());
        SnapshotStore.StoredPart health = parts.get(SnapshotCodec.HEALTH);
        parts.put(
                SnapshotCodec.HEALTH,
                new SnapshotStore.StoredPart(
                        SnapshotCodec.HEALTH,
                        health.version(),
                        health.fetchedAt(),
                        "not gzip".getBytes(StandardCharsets.UTF_8)));

        ClusterSnapshot decoded = codec.decode(new SnapshotStore.StoredSnapshot(
                        original.fsid(), original.name(), original.updateTime(), SnapshotCodec.FORMAT, parts))
                .orElseThrow();

        assertThat(decoded.health()).isEmpty();
        assertThat(decoded.osdMap()).isEqualTo(original.osdMap());
    }

    @Test
    void aSnapshotStoredInAnotherFormatIsNotLoaded() {
        assertThat(codec.decode(stored(codec, FixtureSnapshots.healthy(), SnapshotCodec.FORMAT + 1)))
                .isEmpty();
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
