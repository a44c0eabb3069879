package io.calamari.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.server.auth.ServerSecret;
import io.calamari.server.auth.SessionStore;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.user.Role;
import io.calamari.server.user.User;
import io.calamari.server.user.UserStore;
import io.calamari.testkit.PostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every store against both databases Calamari supports: SQLite in a temporary file and a real
 * PostgreSQL 15 started privately for the test run. Each case gets a fresh, migrated database.
 */
class StoresOnBothDatabasesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    static Stream<Named<DatabaseConfig>> databases() throws Exception {
        return Stream.of(
                Named.of("SQLite", DatabaseConfig.sqliteIn(Files.createTempDirectory("calamari-store"))),
                Named.of("PostgreSQL", DatabaseConfig.of(PostgresServer.shared().createDatabase())));
    }

    private static Database migrated(DatabaseConfig config) {
        Database database = Database.open(config, new SimpleMeterRegistry());
        assertThat(database.migrate()).as("first migration").isPositive();
        return database;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void migrationsRunOnceAndAreSafeToRepeat(DatabaseConfig config) {
        try (Database database = migrated(config)) {
            assertThat(database.migrate()).isZero();
            assertThat(database.isReachable()).isTrue();
            assertThat(database.dialect()).isEqualTo(SqlDialect.fromUrl(config.url()));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void usersAreCreatedFoundUpdatedAndDeleted(DatabaseConfig config) {
        try (Database database = migrated(config)) {
            UserStore users = new UserStore(database.jdbi());
            User nina = users.create("nina", "nina@example.com", "hash-1", Role.READ_WRITE, true, NOW);
            User owen = users.create("owen", "", null, Role.READONLY, false, NOW);

            assertThat(nina.id()).isNotEqualTo(owen.id());
            assertThat(users.findByUsername("nina")).contains(nina);
            assertThat(users.findById(owen.id()).orElseThrow().passwordHash()).isEmpty();
            assertThat(users.list()).extracting(User::username).containsExactly("nina", "owen");

            users.updateEmail(nina.id(), "n@example.com");
            users.updateRole(nina.id(), Role.SUPERUSER);
            users.updateEnabled(owen.id(), true);
            users.rename(owen.id(), "owen2");
            assertThat(users.findById(nina.id()).orElseThrow())
                    .extracting(User::email, User::role)
                    .containsExactly("n@example.com", Role.SUPERUSER);
            assertThat(users.findByUsername("owen2").orElseThrow().enabled()).isTrue();
            assertThat(users.countEnabledSuperusers()).isEqualTo(1);

            assertThat(users.delete(owen.id())).isTrue();
            assertThat(users.delete(owen.id())).isFalse();
            assertThat(users.findByUsername("owen2")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void duplicateUsernamesAreConflictsEvenWhenTheCheckIsRaced(DatabaseConfig config) {
        try (Database database = migrated(config)) {
            UserStore users = new UserStore(database.jdbi());
            users.create("pat", "", "hash", Role.READ_WRITE, true, NOW);
            User quinn = users.create("quinn", "", "hash", Role.READ_WRITE, true, NOW);

            assertThatThrownBy(() -> users.create("pat", "", "hash", Role.READONLY, true, NOW))
                    .isInstanceOfSatisfying(
                            CalamariException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
            assertThatThrownBy(() -> users.rename(quinn.id(), "pat"))
                    .isInstanceOfSatisfying(
                            CalamariException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sessionsLiveIdleOutAndDieWithPasswordChangesAndUsers(DatabaseConfig config) {
        try (Database database = migrated(config)) {
            UserStore users = new UserStore(database.jdbi());
            SessionStore sessions = new SessionStore(database.jdbi());
            User rita = users.create("rita", "", "hash", Role.READ_WRITE, true, NOW);
            sessions.insert("laptop", rita.id(), NOW, "192.0.2.1", "browser");
            sessions.insert("phone", rita.id(), NOW, "192.0.2.2", "x".repeat(2000));
            sessions.insert("old", rita.id(), NOW.minusSeconds(7200), "192.0.2.3", "");

            assertThat(sessions.find("laptop").orElseThrow().userId()).isEqualTo(rita.id());
            sessions.touch("laptop", NOW.plusSeconds(60));
            assertThat(sessions.find("laptop").orElseThrow().lastSeenAt()).isEqualTo(NOW.plusSeconds(60));
            assertThat(sessions.deleteIdleSince(NOW.minusSeconds(3600))).isEqualTo(1);
            assertThat(sessions.find("old")).isEmpty();

            users.updatePassword(rita.id(), "hash-2", NOW, Optional.of("laptop"));
            assertThat(sessions.find("laptop")).isPresent();
            assertThat(sessions.find("phone")).isEmpty();

            users.delete(rita.id());
            assertThat(sessions.countForUser(rita.id())).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theServerSecretIsCreatedOnceAndThenKept(DatabaseConfig config) {
        try (Database database = migrated(config)) {
            SettingStore settings = new SettingStore(database.jdbi());
            assertThat(settings.find("server_secret")).isEmpty();
            ServerSecret first = ServerSecret.loadOrCreate(settings);
            ServerSecret second = ServerSecret.loadOrCreate(settings);

            assertThat(first.sign("message")).isEqualTo(second.sign("message"));
            assertThat(settings.putIfAbsent("server_secret", "other"))
                    .isEqualTo(settings.find("server_secret").orElseThrow());
            assertThat(settings.find("server_secret").orElseThrow()).hasSize(64);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void clearingMonitoringStateKeepsUsersAndSettings(DatabaseConfig config) {
        try (Database database = migrated(config)) {
            new UserStore(database.jdbi()).create("sam", "", "hash", Role.SUPERUSER, true, NOW);
            new SettingStore(database.jdbi()).putIfAbsent("kept", "yes");
            database.jdbi().useHandle(handle -> {
                handle.execute("CREATE TABLE clusters (fsid VARCHAR(36) PRIMARY KEY)");
                handle.execute(
                        "CREATE TABLE events (id INTEGER PRIMARY KEY, fsid VARCHAR(36) REFERENCES clusters (fsid))");
                handle.execute("INSERT INTO clusters VALUES ('a'), ('b')");
                handle.execute("INSERT INTO events VALUES (1, 'a'), (2, 'b')");
            });

            assertThat(database.clearMonitoringState())
                    .containsExactlyInAnyOrder(
                            "cluster_snapshot_parts",
                            "cluster_snapshots",
                            "clusters",
                            "event_log",
                            "events",
                            "user_requests");

            database.jdbi().useHandle(handle -> {
                assertThat(handle.createQuery("SELECT COUNT(*) FROM events")
                                .mapTo(Long.class)
                                .one())
                        .isZero();
                assertThat(handle.createQuery("SELECT COUNT(*) FROM clusters")
                                .mapTo(Long.class)
                                .one())
                        .isZero();
                assertThat(handle.createQuery("SELECT COUNT(*) FROM users")
                                .mapTo(Long.class)
                                .one())
                        .isEqualTo(1);
            });
            assertThat(new SettingStore(database.jdbi()).find("kept")).contains("yes");
        }
    }
}
