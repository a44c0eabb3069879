package io.calamari.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.protocol.Json;
import io.calamari.server.db.Database;
import io.calamari.server.db.DatabaseConfig;
import io.calamari.testkit.PostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The snapshot store on SQLite and on a real PostgreSQL: whole snapshots, changed parts, removed parts. */
class SnapshotStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private final SnapshotCodec codec = new SnapshotCodec(Json.newMapper());

    static Stream<Named<DatabaseConfig>> databases() throws Exception {
        return Stream.of(
                Named.of("SQLite", DatabaseConfig.sqliteIn(Files.createTempDirectory("calamari-snapshots"))),
                Named.of("PostgreSQL", DatabaseConfig.of(PostgresServer.shared().createDatabase())));
    }

    private void saveWhole(SnapshotStore store, ClusterSnapshot snapshot) {
        SnapshotStore.StoredSnapshot stored = SnapshotCodecTest.stored(codec, snapshot, SnapshotCodec.FORMAT);
        store.save(
                snapshot.fsid(),
                snapshot.name(),
                snapshot.updateTime(),
                SnapshotCodec.FORMAT,
                T0,
                List.copyOf(stored.parts().values()),
                Set.of());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aWholeSnapshotReadsBackEqual(DatabaseConfig config) {
        try (Database database = Database.open(config, new SimpleMeterRegistry())) {
            database.migrate();
            SnapshotStore store = new SnapshotStore(database.jdbi());
            ClusterSnapshot healthy = FixtureSnapshots.healthy();

            saveWhole(store, healthy);
            SnapshotStore.StoredSnapshot stored = store.load(healthy.fsid()).orElseThrow();

            assertThat(stored.parts()).hasSize(9);
            assertThat(stored).isEqualTo(SnapshotCodecTest.stored(codec, healthy, SnapshotCodec.FORMAT));
            assertThat(codec.decode(stored)).contains(healthy);
            assertThat(store.storedBytes(healthy.fsid()))
                    .isEqualTo(stored.parts().values().stream()
                            .mapToLong(SnapshotStore.StoredPart::size)
                            .sum());
            assertThat(store.load("00000000-0000-0000-0000-000000000000")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void changedPartsAreReplacedAbsentOnesDeletedAndTheRestKept(DatabaseConfig config) {
        try (Database database = Database.open(config, new SimpleMeterRegistry())) {
            database.migrate();
            SnapshotStore store = new SnapshotStore(database.jdbi());
            ClusterSnapshot healthy = FixtureSnapshots.healthy();
            saveWhole(store, healthy);
            ClusterSnapshot degraded = FixtureSnapshots.degraded();
            Instant later = T0.plusSeconds(5);

            store.save(
                    healthy.fsid(),
                    "renamed",
                    later,
                    SnapshotCodec.FORMAT,
                    later,
                    List.of(codec.encode(SnapshotCodec.HEALTH, degraded.health().orElseThrow())),
                    Set.of(SnapshotCodec.DF, SnapshotCodec.CONFIG));
            SnapshotStore.StoredSnapshot stored = store.load(healthy.fsid()).orElseThrow();
            ClusterSnapshot loaded = codec.decode(stored).orElseThrow();

            assertThat(stored.name()).isEqualTo("renamed");
            assertThat(stored.updateTime()).isEqualTo(later);
            assertThat(stored.parts()).hasSize(7).doesNotContainKeys(SnapshotCodec.DF, SnapshotCodec.CONFIG);
            assertThat(loaded.health()).isEqualTo(degraded.health());
            assertThat(loaded.osdMap()).isEqualTo(healthy.osdMap());
            assertThat(loaded.df()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void clustersAreStoredApartAndClearingTheDatabaseForgetsThem(DatabaseConfig config) {
        try (Database database = Database.open(config, new SimpleMeterRegistry())) {
            database.migrate();
            SnapshotStore store = new SnapshotStore(database.jdbi());
            ClusterSnapshot first = FixtureSnapshots.healthy();
            ClusterSnapshot second = FixtureSnapshots.withFsid(FixtureSnapshots.degraded(), "second");
            saveWhole(store, first);
            saveWhole(store, second);

            assertThat(codec.decode(store.load("second").orElseThrow())).contains(second);
            assertThat(codec.decode(store.load(first.fsid()).orElseThrow())).contains(first);

            assertThat(database.clearMonitoringState()).contains("cluster_snapshots", "cluster_snapshot_parts");
            assertThat(store.load(first.fsid())).isEmpty();
            assertThat(store.storedBytes(first.fsid())).isZero();
        }
    }
}
