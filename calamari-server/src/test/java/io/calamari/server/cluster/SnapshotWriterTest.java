package io.calamari.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.protocol.Json;
import io.calamari.server.db.Database;
import io.calamari.server.db.DatabaseConfig;
import io.calamari.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The snapshot writer, driven round by round without its thread: only the newest snapshot of a
 * cluster is written, only the parts fetched again since the last write, nothing for a snapshot
 * with nothing new, and a failed write is retried.
 */
class SnapshotWriterTest {
    private static final Instant T0 = FixtureSnapshots.FETCHED;

    private final MutableClock clock = new MutableClock(T0);
    private final SnapshotCodec codec = new SnapshotCodec(Json.newMapper());
    private final ClusterSnapshot healthy = FixtureSnapshots.healthy();
    private Database database;
    private SnapshotStore store;
    private SnapshotWriter writer;

    @BeforeEach
    void setUp() throws Exception {
        database = Database.open(
                DatabaseConfig.sqliteIn(Files.createTempDirectory("calamari-snapshot-writer")),
                new SimpleMeterRegistry());
        database.migrate();
        store = new SnapshotStore(database.jdbi());
        writer = new SnapshotWriter(store, codec, Duration.ofHours(1), clock);
    }

    @AfterEach
    void tearDown() {
        writer.close();
        database.close();
    }

    /** The snapshot as a later poll makes it when nothing but the status moved: a new status part and update time. */
    private static ClusterSnapshot polledAgain(ClusterSnapshot snapshot, int seconds) {
        Instant at = T0.plusSeconds(seconds);
        Part<io.calamari.ceph.model.ClusterStatus> status = snapshot.status().orElseThrow();
        return FixtureSnapshots.edit(snapshot)
                .updateTime(at)
                .status(Optional.of(new Part<>(status.value(), status.version(), at)))
                .build();
    }

    private void publish(ClusterSnapshot snapshot) {
        writer.published(Optional.empty(), snapshot);
    }

    private ClusterSnapshot loaded() {
        return codec.decode(store.load(healthy.fsid()).orElseThrow()).orElseThrow();
    }

    @Test
    void onlyTheNewestSnapshotOfAClusterIsWritten() {
        publish(healthy);
        publish(polledAgain(healthy, 1));
        ClusterSnapshot newest = polledAgain(healthy, 2);
        publish(newest);

        assertThat(writer.writePending())
                .singleElement()
                .satisfies(write -> assertThat(write.parts()).hasSize(9));
        assertThat(loaded()).isEqualTo(newest);
        assertThat(writer.writePending()).as("nothing pending").isEmpty();
    }

    @Test
    void onlyThePartsFetchedAgainSinceTheLastWriteAreWritten() {
        publish(healthy);
        assertThat(writer.writePending())
                .singleElement()
                .satisfies(write -> assertThat(write.bytes()).isPositive());

        publish(polledAgain(healthy, 1));
        assertThat(writer.writePending())
                .singleElement()
                .satisfies(write -> assertThat(write.parts()).containsExactly(SnapshotCodec.STATUS));

        ClusterSnapshot degraded = FixtureSnapshots.degraded();
        ClusterSnapshot newEpoch = FixtureSnapshots.edit(polledAgain(healthy, 2))
                .osdMap(Optional.of(new Part<>(degraded.osdMap().orElseThrow().value(), 99, T0.plusSeconds(2))))
                .health(degraded.health().map(part -> new Part<>(part.value(), 2, T0.plusSeconds(2))))
                .build();
        publish(newEpoch);
        assertThat(writer.writePending())
                .singleElement()
                .satisfies(write -> assertThat(write.parts())
                        .containsExactlyInAnyOrder(SnapshotCodec.STATUS, SnapshotCodec.OSD_MAP, SnapshotCodec.HEALTH));
        assertThat(loaded()).isEqualTo(newEpoch);
    }

    @Test
    void anUnreachableClustersSnapshotAndRestoredSnapshotsWriteNothing() {
        publish(healthy);
        writer.writePending();

        publish(healthy.unreachable("timed out"));
        publish(healthy.asRestored("not contacted yet"));
        assertThat(writer.writePending()).isEmpty();
        publish(ClusterSnapshot.unreached("other", "ceph", T0, "not contacted yet"));
        assertThat(writer.writePending()).isEmpty();
        assertThat(store.load("other")).isEmpty();
    }

    @Test
    void aPartTheSnapshotNoLongerHasIsDeleted() {
        publish(healthy);
        writer.writePending();

        ClusterSnapshot withoutConfig = FixtureSnapshots.withConfig(healthy, Optional.empty());
        publish(withoutConfig);

        assertThat(writer.writePending())
                .singleElement()
                .satisfies(write -> assertThat(write.parts()).isEmpty());
        assertThat(loaded().config()).isEmpty();
        assertThat(loaded()).isEqualTo(withoutConfig);
    }

    @Test
    void aFailedWriteStaysPendingAndTheNewestIsWrittenOnceTheDatabaseWorks() throws Exception {
        try (Database unmigrated = Database.open(
                DatabaseConfig.sqliteIn(Files.createTempDirectory("calamari-snapshot-writer")),
                new SimpleMeterRegistry())) {
            SnapshotStore failing = new SnapshotStore(unmigrated.jdbi());
            SnapshotWriter retrying = new SnapshotWriter(failing, codec, Duration.ofHours(1), clock);
            publish(retrying, healthy);

            assertThat(retrying.writePending()).as("no tables yet").isEmpty();
            ClusterSnapshot newer = polledAgain(healthy, 1);
            publish(retrying, newer);
            unmigrated.migrate();

            assertThat(retrying.writePending())
                    .singleElement()
                    .satisfies(write -> assertThat(write.parts()).hasSize(9));
            assertThat(codec.decode(failing.load(healthy.fsid()).orElseThrow())).contains(newer);
        }
    }

    @Test
    void closingWritesWhatIsPendingOnceStarted() {
        SnapshotWriter notStarted = new SnapshotWriter(store, codec, Duration.ofHours(1), clock);
        publish(notStarted, healthy);
        notStarted.close();
        assertThat(store.load(healthy.fsid()))
                .as("never started: the database may not be ready")
                .isEmpty();

        writer.start();
        publish(healthy);
        writer.close();

        assertThat(loaded()).isEqualTo(healthy);
    }

    private static void publish(SnapshotWriter writer, ClusterSnapshot snapshot) {
        writer.published(Optional.empty(), snapshot);
    }
}
