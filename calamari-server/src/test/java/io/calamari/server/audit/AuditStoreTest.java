package io.calamari.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.db.Database;
import io.calamari.server.db.DatabaseConfig;
import io.calamari.testkit.PostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The audit log table on both databases: what goes in comes out, filtered, newest first, in pages. */
class AuditStoreTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final String FSID_A = "11111111-2222-3333-4444-555555555555";
    private static final String FSID_B = "66666666-7777-8888-9999-000000000000";

    static Stream<Named<DatabaseConfig>> databases() throws Exception {
        return Stream.of(
                Named.of("SQLite", DatabaseConfig.sqliteIn(Files.createTempDirectory("calamari-audit"))),
                Named.of("PostgreSQL", DatabaseConfig.of(PostgresServer.shared().createDatabase())));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void entriesRoundTripWithNullsAndLongValuesCut(DatabaseConfig config) {
        try (Database database = migrated(config)) {
            AuditStore store = new AuditStore(database.jdbi());
            AuditEntry stored = store.insert(
                    T0.plusNanos(1_234_567),
                    new AuditedRequest(
                            AuditedRequest.Kind.REQUEST,
                            "POST",
                            "/api/v2/cluster/" + FSID_A + "/pool",
                            "/api/v2/cluster/{fsid}/pool",
                            FSID_A,
                            "u".repeat(200),
                            "198.51.100.23",
                            "{}",
                            "0f0e0d0c-0b0a-0908-0706-050403020100",
                            202),
                    "POST /api/v2/cluster/{fsid}/pool {}",
                    AuditOutcome.ACCEPTED);
            AuditEntry anonymous = store.insert(
                    T0, request(null, null, "/" + "p".repeat(600), 403), "POST /api/v2/user", AuditOutcome.DENIED);

            List<AuditEntry> all = store.find(AuditFilter.none(), 0, 10).entries();
            assertThat(all).containsExactly(stored, anonymous);
            assertThat(stored.id()).isPositive();
            assertThat(stored.at()).isEqualTo(T0.plusMillis(1));
            assertThat(stored.username()).hasSize(150);
            assertThat(stored.fsid()).isEqualTo(FSID_A);
            assertThat(stored.requestId()).isEqualTo("0f0e0d0c-0b0a-0908-0706-050403020100");
            assertThat(stored.status()).isEqualTo(202);
            assertThat(stored.outcome()).isEqualTo(AuditOutcome.ACCEPTED);
            assertThat(anonymous.username()).isNull();
            assertThat(anonymous.fsid()).isNull();
            assertThat(anonymous.requestId()).isNull();
            assertThat(anonymous.path()).hasSize(512);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void filtersOrderAndPages(DatabaseConfig config) {
        try (Database database = migrated(config)) {
            AuditStore store = new AuditStore(database.jdbi());
            AuditEntry first = insert(store, T0, "alice", FSID_A, 200, AuditOutcome.SUCCEEDED);
            AuditEntry second = insert(store, T0.plusSeconds(60), "bob", FSID_B, 403, AuditOutcome.DENIED);
            AuditEntry third = insert(store, T0.plusSeconds(120), "alice", null, 400, AuditOutcome.REJECTED);
            AuditEntry sameTime = insert(store, T0.plusSeconds(120), null, FSID_A, 403, AuditOutcome.DENIED);
            AuditEntry last = insert(store, T0.plusSeconds(180), "alice", FSID_A, 202, AuditOutcome.ACCEPTED);

            AuditPage everything = store.find(AuditFilter.none(), 0, 100);
            assertThat(everything.count()).isEqualTo(5);
            assertThat(everything.entries())
                    .as("newest first; equal times by id, newest first")
                    .containsExactly(last, sameTime, third, second, first);

            assertThat(store.find(AuditFilter.none().withUsername("alice"), 0, 100)
                            .entries())
                    .containsExactly(last, third, first);
            assertThat(store.find(AuditFilter.none().withFsid(FSID_A), 0, 100).entries())
                    .containsExactly(last, sameTime, first);
            assertThat(store.find(AuditFilter.none().withOutcome(AuditOutcome.DENIED), 0, 100)
                            .entries())
                    .containsExactly(sameTime, second);
            assertThat(store.find(
                                    AuditFilter.none()
                                            .withSince(T0.plusSeconds(60))
                                            .withUntil(T0.plusSeconds(180)),
                                    0,
                                    100)
                            .entries())
                    .as("since inclusive, until exclusive")
                    .containsExactly(sameTime, third, second);
            assertThat(store.find(
                                    AuditFilter.none()
                                            .withUsername("alice")
                                            .withFsid(FSID_A)
                                            .withSince(T0.plusSeconds(1)),
                                    0,
                                    100)
                            .entries())
                    .containsExactly(last);
            assertThat(store.find(AuditFilter.none().withUsername("nobody"), 0, 100))
                    .isEqualTo(new AuditPage(0, List.of()));

            AuditPage secondPage = store.find(AuditFilter.none(), 2, 2);
            assertThat(secondPage.count()).isEqualTo(5);
            assertThat(secondPage.entries()).containsExactly(third, second);
            AuditPage lastPage = store.find(AuditFilter.none(), 4, 2);
            assertThat(lastPage.entries()).containsExactly(first);
            AuditPage filteredPage = store.find(AuditFilter.none().withUsername("alice"), 1, 1);
            assertThat(filteredPage.count()).isEqualTo(3);
            assertThat(filteredPage.entries()).containsExactly(third);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void entriesOlderThanTheCutoffAreDeleted(DatabaseConfig config) {
        try (Database database = migrated(config)) {
            AuditStore store = new AuditStore(database.jdbi());
            insert(store, T0, "alice", FSID_A, 200, AuditOutcome.SUCCEEDED);
            AuditEntry atCutoff = insert(store, T0.plusSeconds(60), "bob", FSID_B, 403, AuditOutcome.DENIED);
            AuditEntry newer = insert(store, T0.plusSeconds(120), "alice", null, 400, AuditOutcome.REJECTED);

            assertThat(store.deleteBefore(T0.plusSeconds(60))).isEqualTo(1);

            assertThat(store.find(AuditFilter.none(), 0, 10).entries()).containsExactly(newer, atCutoff);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void clearingMonitoringStateKeepsTheAuditLog(DatabaseConfig config) {
        try (Database database = migrated(config)) {
            AuditStore store = new AuditStore(database.jdbi());
            AuditEntry kept = insert(store, T0, "alice", FSID_A, 200, AuditOutcome.SUCCEEDED);

            assertThat(database.clearMonitoringState()).doesNotContain("audit_log");

            assertThat(store.find(AuditFilter.none(), 0, 10).entries()).containsExactly(kept);
        }
    }

    private static Database migrated(DatabaseConfig config) {
        Database database = Database.open(config, new SimpleMeterRegistry());
        assertThat(database.migrate()).as("migrations applied").isPositive();
        return database;
    }

    private static AuditEntry insert(
            AuditStore store,
            Instant at,
            @Nullable String username,
            @Nullable String fsid,
            int status,
            AuditOutcome outcome) {
        String path = fsid == null ? "/api/v2/user" : "/api/v2/cluster/" + fsid + "/pool";
        return store.insert(at, request(username, fsid, path, status), "POST " + path, outcome);
    }

    private static AuditedRequest request(@Nullable String username, @Nullable String fsid, String path, int status) {
        return new AuditedRequest(
                AuditedRequest.Kind.REQUEST, "POST", path, path, fsid, username, "192.0.2.1", "", null, status);
    }
}
