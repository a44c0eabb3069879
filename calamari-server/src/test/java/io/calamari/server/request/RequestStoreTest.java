package io.calamari.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.protocol.Json;
import io.calamari.server.db.Database;
import io.calamari.server.db.DatabaseConfig;
import io.calamari.testkit.PostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The request store on SQLite and on a real PostgreSQL: round trips, filters, order, pages. */
class RequestStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    static Stream<Named<DatabaseConfig>> databases() throws Exception {
        return Stream.of(
                Named.of("SQLite", DatabaseConfig.sqliteIn(Files.createTempDirectory("calamari-store"))),
                Named.of("PostgreSQL", DatabaseConfig.of(PostgresServer.shared().createDatabase())));
    }

    private static RequestPlan plan() {
        return new RequestPlan(
                "Creating pool 'p'",
                List.of(
                        RequestCommand.mon("osd pool create", "pool", "p", "pg_num", 32),
                        new RequestCommand(
                                io.calamari.ceph.command.CephCommand.Target.MON,
                                java.util.Map.of("prefix", "osd setcrushmap"),
                                new byte[] {1, 2, 3})),
                new Completion.PoolCreated("p", 32),
                List.of(
                        new Expectation.PoolPresent("p", java.util.Map.of("size", 2L)),
                        new Expectation.OsdIn(1, false)));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void requestsRoundTripAndListNewestFirst(DatabaseConfig config) {
        try (Database database = Database.open(config, new SimpleMeterRegistry())) {
            database.migrate();
            RequestStore store = new RequestStore(database.jdbi(), Json.newMapper());
            UserRequest first = UserRequest.accepted("a", "fsid-1", plan(), T0, Optional.of("admin"));
            UserRequest second = UserRequest.accepted("b", "fsid-2", plan(), T0.plusSeconds(1), Optional.empty());
            UserRequest third = UserRequest.accepted("c", "fsid-1", plan(), T0.plusSeconds(2), Optional.of("admin"));
            store.insert(first);
            store.insert(second);
            store.insert(third);
            UserRequest failed = second.withProgress(new Progress(Progress.Phase.SENDING, 1, -1), "Running")
                    .failed("Error EINVAL: nope", T0.plusSeconds(5));
            store.update(failed);

            assertThat(store.find("a")).contains(first);
            assertThat(store.find("b")).contains(failed);
            assertThat(store.find("missing")).isEmpty();
            assertThat(store.list(RequestStore.Filter.all(), 0, 10))
                    .extracting(UserRequest::id)
                    .containsExactly("c", "b", "a");
            assertThat(store.list(RequestStore.Filter.all(), 1, 1))
                    .extracting(UserRequest::id)
                    .containsExactly("b");
            RequestStore.Filter cluster = new RequestStore.Filter(Optional.of("fsid-1"), Optional.empty());
            assertThat(store.list(cluster, 0, 10)).extracting(UserRequest::id).containsExactly("c", "a");
            RequestStore.Filter complete =
                    new RequestStore.Filter(Optional.empty(), Optional.of(UserRequest.State.COMPLETE));
            assertThat(store.count(complete)).isEqualTo(1);
            assertThat(store.count(
                            new RequestStore.Filter(Optional.of("fsid-2"), Optional.of(UserRequest.State.SUBMITTED))))
                    .isZero();
            assertThat(store.unfinished()).extracting(UserRequest::id).containsExactly("a", "c");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onlyFinishedRequestsOlderThanTheCutoffAreDeleted(DatabaseConfig config) {
        try (Database database = Database.open(config, new SimpleMeterRegistry())) {
            database.migrate();
            RequestStore store = new RequestStore(database.jdbi(), Json.newMapper());
            UserRequest unfinished = UserRequest.accepted("a", "fsid-1", plan(), T0, Optional.empty());
            UserRequest early = UserRequest.accepted("b", "fsid-1", plan(), T0, Optional.empty());
            UserRequest late = UserRequest.accepted("c", "fsid-1", plan(), T0, Optional.empty());
            store.insert(unfinished);
            store.insert(early);
            store.insert(late);
            store.update(early.failed("Error EINVAL: nope", T0.plusSeconds(5)));
            store.update(late.failed("Error EINVAL: nope", T0.plusSeconds(100)));

            assertThat(store.deleteCompletedBefore(T0.plusSeconds(50))).isEqualTo(1);
            assertThat(store.find("b")).isEmpty();
            assertThat(store.find("c")).isPresent();

            assertThat(store.deleteCompletedBefore(T0.plusSeconds(1000))).isEqualTo(1);
            assertThat(store.list(RequestStore.Filter.all(), 0, 10))
                    .extracting(UserRequest::id)
                    .as("an unfinished request is never deleted, however old")
                    .containsExactly("a");
        }
    }
}
