package io.calamari.server.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.server.db.Database;
import io.calamari.server.db.DatabaseConfig;
import io.calamari.testkit.PostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The event store and its writer on SQLite and on a real PostgreSQL: filters, order, pages, retention. */
class EventStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    static Stream<Named<DatabaseConfig>> databases() throws Exception {
        return Stream.of(
                Named.of("SQLite", DatabaseConfig.sqliteIn(Files.createTempDirectory("calamari-events"))),
                Named.of("PostgreSQL", DatabaseConfig.of(PostgresServer.shared().createDatabase())));
    }

    private static List<Event> sample() {
        return List.of(
                Event.cluster(T0, Severity.INFO, "Calamari server started", "a"),
                Event.service(
                        T0.plusSeconds(1),
                        Severity.WARNING,
                        "OSD ceph.1 went down (on node1)",
                        "a",
                        Optional.of("node1"),
                        "osd",
                        "1"),
                Event.service(
                        T0.plusSeconds(2),
                        Severity.RECOVERY,
                        "OSD ceph.1 came up (on node1)",
                        "a",
                        Optional.of("node1"),
                        "osd",
                        "1"),
                Event.cluster(
                        T0.plusSeconds(3),
                        Severity.ERROR,
                        "Health of cluster 'ceph' degraded from HEALTH_WARN to" + " HEALTH_ERR",
                        "b"),
                Event.cluster(T0.plusSeconds(4), Severity.INFO, "100% of 50_pgs", "b"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void filtersOrderAndRetention(DatabaseConfig config) {
        try (Database database = Database.open(config, new SimpleMeterRegistry())) {
            database.migrate();
            EventStore store = new EventStore(database.jdbi());
            store.insertAll(sample());
            EventFilter all = EventFilter.all();

            assertThat(store.list(all, 0, 10))
                    .extracting(stored -> stored.event().message())
                    .startsWith("100% of 50_pgs")
                    .endsWith("Calamari server started");
            assertThat(store.list(all, 0, 10).get(4).event()).isEqualTo(sample().get(0));
            assertThat(store.count(all.withFsid("a"))).isEqualTo(3);
            assertThat(store.count(all.withFqdn("node1"))).isEqualTo(2);
            assertThat(store.count(with(all, Severity.WARNING))).isEqualTo(2);
            assertThat(store.count(with(all, Severity.CRITICAL))).isZero();
            assertThat(store.list(search("DOWN"), 0, 10)).hasSize(1);
            assertThat(store.count(search("50_"))).isEqualTo(1);
            assertThat(store.count(search("0%"))).isEqualTo(1);
            assertThat(store.count(new EventFilter(
                            Optional.empty(),
                            Optional.empty(),
                            Severity.INFO,
                            Optional.of(T0.plusSeconds(1)),
                            Optional.of(T0.plusSeconds(3)),
                            Optional.empty(),
                            Optional.of("osd"),
                            Optional.of("1"))))
                    .isEqualTo(2);
            assertThat(store.list(all, 1, 2)).extracting(StoredEvent::id).hasSize(2);

            assertThat(store.deleteBefore(T0.plusSeconds(2))).isEqualTo(2);
            assertThat(store.count(all)).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theWriterStoresRecordedEventsWithinASecondAndOnClose(DatabaseConfig config) {
        try (Database database = Database.open(config, new SimpleMeterRegistry())) {
            database.migrate();
            EventStore store = new EventStore(database.jdbi());
            store.insertAll(List.of(Event.cluster(T0.minus(Duration.ofDays(91)), Severity.INFO, "too old", "a")));
            EventLog log =
                    new EventLog(store, Duration.ofMillis(200), Duration.ofDays(90), Clock.fixed(T0, ZoneOffset.UTC));
            log.record(sample().get(0));
            log.start();
            log.record(sample().get(1));

            await().atMost(Duration.ofSeconds(1)).until(() -> store.count(EventFilter.all()) == 2);
            for (int index = 0; index < 2500; index++) {
                log.record(Event.cluster(T0, Severity.INFO, "burst " + index, "a"));
            }
            log.close();

            assertThat(store.count(EventFilter.all())).isEqualTo(2502);
        }
    }

    private static EventFilter with(EventFilter filter, Severity severity) {
        return new EventFilter(
                filter.fsid(),
                filter.fqdn(),
                severity,
                filter.since(),
                filter.until(),
                filter.text(),
                filter.serviceType(),
                filter.serviceId());
    }

    private static EventFilter search(String text) {
        return new EventFilter(
                Optional.empty(),
                Optional.empty(),
                Severity.INFO,
                Optional.empty(),
                Optional.empty(),
                Optional.of(text),
                Optional.empty(),
                Optional.empty());
    }
}
