package io.calamari.server.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.cluster.SnapshotCodec;
import io.calamari.server.cluster.SnapshotStore;
import io.calamari.server.config.CommandLines;
import io.calamari.server.db.Database;
import io.calamari.server.db.DatabaseConfig;
import io.calamari.server.db.SettingStore;
import io.calamari.server.user.PasswordHasher;
import io.calamari.server.user.Role;
import io.calamari.server.user.User;
import io.calamari.server.user.UserService;
import io.calamari.server.user.UserStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * calamari-ctl run in-process against an SQLite database in a temporary data directory: exit codes,
 * messages, and what ends up in the database (checked through {@link UserService}, independently of
 * the ctl commands).
 */
class CtlTest {
    private static final int FAILED = 1;
    private static final int USAGE = CommandLines.USAGE_ERROR;

    @TempDir
    Path temp;

    /** The data directory of the test; created by the first command that opens the database. */
    private Path dataDir;

    @BeforeEach
    void setUp() {
        dataDir = temp.resolve("data");
    }

    // ---------------------------------------------------------------- initialize

    @Test
    void initializeCreatesTheAdminSuperuserAndIsSafeToRunTwice() {
        Result first = ctl("initialize", "--admin-username", "admin", "--admin-password", "adminpass1");

        first.assertSucceeded();
        assertThat(first.out())
                .contains("Database ready: jdbc:sqlite:")
                .contains("Server secret ready")
                .contains("Created superuser 'admin'");
        User admin = user("admin").orElseThrow();
        assertThat(admin.role()).isEqualTo(Role.SUPERUSER);
        assertThat(admin.enabled()).isTrue();
        assertThat(canLogIn("admin", "adminpass1")).isTrue();
        String secret = serverSecret().orElseThrow();
        assertThat(secret).hasSize(64);

        Result second = ctl("initialize", "--admin-username", "admin", "--admin-password", "otherpass2");

        second.assertSucceeded();
        assertThat(second.out()).contains("User 'admin' already exists; left unchanged");
        assertThat(second.out()).doesNotContain("Created superuser");
        assertThat(usernames()).containsExactly("admin");
        assertThat(canLogIn("admin", "adminpass1")).isTrue();
        assertThat(canLogIn("admin", "otherpass2")).isFalse();
        assertThat(serverSecret()).contains(secret);
    }

    @Test
    void initializeWithoutAdminOptionsCreatesTheDatabaseAndSecretButNoUser() {
        Result result = ctl("initialize");

        result.assertSucceeded();
        assertThat(result.out())
                .contains("Database ready")
                .contains("Server secret ready")
                .contains("No superuser yet");
        assertThat(Files.exists(dataDir.resolve("calamari.db"))).isTrue();
        assertThat(usernames()).isEmpty();
        assertThat(serverSecret()).isPresent();

        ctl("add-user", "root", "--password", "rootpass1", "--role", "superuser")
                .assertSucceeded();
        Result again = ctl("initialize");

        again.assertSucceeded();
        assertThat(again.out()).contains("Database ready").doesNotContain("No superuser yet");
    }

    @Test
    void initializeReadsTheAdminPasswordFromStandardInput() {
        Result result = ctlWithInput("adminpass1\n", "initialize", "--admin-username", "admin");

        result.assertSucceeded();
        assertThat(result.out()).contains("Created superuser 'admin'");
        assertThat(user("admin").map(User::role)).contains(Role.SUPERUSER);
        assertThat(canLogIn("admin", "adminpass1")).isTrue();
    }

    @Test
    void initializeRejectsAnAdminPasswordWithoutAnAdminUsername() {
        Result result = ctl("initialize", "--admin-password", "adminpass1");

        assertThat(result.exitCode()).isEqualTo(USAGE);
        assertThat(result.err()).contains("--admin-password and --admin-email need --admin-username");
        assertThat(dataDir.resolve("calamari.db")).as("nothing is created").doesNotExist();
    }

    // ---------------------------------------------------------------- add-user

    @Test
    void addUserWithPasswordCreatesAnEnabledReadWriteUser() {
        Result result = ctl("add-user", "bob", "--password", "bobpass12");

        result.assertSucceeded();
        assertThat(result.out()).contains("Created user 'bob'").contains("role read/write");
        User bob = user("bob").orElseThrow();
        assertThat(bob.role()).isEqualTo(Role.READ_WRITE);
        assertThat(bob.enabled()).isTrue();
        assertThat(bob.email()).isEmpty();
        assertThat(canLogIn("bob", "bobpass12")).isTrue();
        assertThat(canLogIn("bob", "wrongpass1")).isFalse();
    }

    @Test
    void addUserTakesRoleAndEmail() {
        Result result = ctl(
                "add-user", "carol", "--password", "carolpass1", "--role", "readonly", "--email", "carol@example.com");

        result.assertSucceeded();
        assertThat(result.out()).contains("Created user 'carol'").contains("role readonly");
        User carol = user("carol").orElseThrow();
        assertThat(carol.role()).isEqualTo(Role.READONLY);
        assertThat(carol.email()).isEqualTo("carol@example.com");
    }

    @Test
    void addUserReadsThePasswordFromStandardInput() {
        Result result = ctlWithInput("s3cretpass\n", "add-user", "bob");

        result.assertSucceeded();
        assertThat(result.out()).contains("Created user 'bob'");
        assertThat(canLogIn("bob", "s3cretpass")).isTrue();
        assertThat(canLogIn("bob", "s3cretpass\n")).isFalse();
    }

    @Test
    void addUserWithoutAnyPasswordFailsAndCreatesNobody() {
        Result result = ctlWithInput("", "add-user", "bob");

        assertThat(result.exitCode()).isEqualTo(FAILED);
        assertThat(result.err()).contains("add-user: no password given").contains("--password");
        assertThat(result.out()).doesNotContain("Created");
        assertThat(user("bob")).isEmpty();
    }

    @Test
    void addUserTwiceFailsAndKeepsTheFirstUser() {
        ctl("add-user", "bob", "--password", "bobpass12").assertSucceeded();

        Result result = ctl("add-user", "bob", "--password", "otherpass2", "--role", "superuser");

        assertThat(result.exitCode()).isEqualTo(FAILED);
        assertThat(result.err()).contains("user 'bob' already exists");
        assertThat(usernames()).containsExactly("bob");
        assertThat(user("bob").map(User::role)).contains(Role.READ_WRITE);
        assertThat(canLogIn("bob", "bobpass12")).isTrue();
        assertThat(canLogIn("bob", "otherpass2")).isFalse();
    }

    @Test
    void addUserWithAnUnknownRoleFailsWithTheChoices() {
        Result result = ctl("add-user", "bob", "--password", "bobpass12", "--role", "admin");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("unknown role 'admin'").contains("readonly, read/write, superuser");
        assertThat(dataDir.resolve("calamari.db")).as("nothing is created").doesNotExist();
    }

    @Test
    void shortPasswordsAreRejectedWithTheFieldMessage() {
        Result add = ctl("add-user", "bob", "--password", "short");

        assertThat(add.exitCode()).isEqualTo(FAILED);
        assertThat(add.err()).contains("password: Ensure this field has at least 8 characters.");
        assertThat(user("bob")).isEmpty();

        ctl("add-user", "bob", "--password", "bobpass12").assertSucceeded();
        Result change = ctl("change-password", "bob", "--password", "1234567");

        assertThat(change.exitCode()).isEqualTo(FAILED);
        assertThat(change.err()).contains("password: Ensure this field has at least 8 characters.");
        assertThat(canLogIn("bob", "bobpass12")).isTrue();
        assertThat(canLogIn("bob", "1234567")).isFalse();
    }

    @Test
    void invalidUsernamesAreRejectedWithTheFieldMessage() {
        Result result = ctl("add-user", "bob smith", "--password", "bobpass12");

        assertThat(result.exitCode()).isEqualTo(FAILED);
        assertThat(result.err()).contains("username: Enter a valid username.");
        assertThat(usernames()).isEmpty();
    }

    // ---------------------------------------------------------------- assign-role

    @ParameterizedTest
    @EnumSource(Role.class)
    void assignRoleGivesTheUserThatRole(Role role) {
        // Start from a different role so that the change is visible (and never from the only superuser).
        Role before = role == Role.READONLY ? Role.READ_WRITE : Role.READONLY;
        ctl("add-user", "bob", "--password", "bobpass12", "--role", before.wireName())
                .assertSucceeded();
        assertThat(user("bob").map(User::role)).contains(before);

        Result result = ctl("assign-role", "bob", "--role", role.wireName());

        result.assertSucceeded();
        assertThat(result.out()).contains("User 'bob' now has role " + role.wireName());
        assertThat(user("bob").map(User::role)).contains(role);
        assertThat(canLogIn("bob", "bobpass12")).isTrue();
    }

    @Test
    void assignRoleToAnUnknownUserFailsNamingTheUser() {
        Result result = ctl("assign-role", "ghost", "--role", "superuser");

        assertThat(result.exitCode()).isEqualTo(FAILED);
        assertThat(result.err()).contains("assign-role").contains("'ghost'").contains("does not exist");
        assertThat(usernames()).isEmpty();
    }

    @Test
    void assignRoleWithAnUnknownRoleFailsWithTheChoices() {
        ctl("add-user", "bob", "--password", "bobpass12").assertSucceeded();

        Result result = ctl("assign-role", "bob", "--role", "root");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("unknown role 'root'").contains("readonly, read/write, superuser");
        assertThat(user("bob").map(User::role)).contains(Role.READ_WRITE);
    }

    @Test
    void assignRoleWithoutRoleIsAUsageError() {
        ctl("add-user", "bob", "--password", "bobpass12", "--role", "readonly").assertSucceeded();

        Result result = ctl("assign-role", "bob");

        assertThat(result.exitCode()).isEqualTo(USAGE);
        assertThat(result.err()).contains("Missing required option").contains("--role");
        assertThat(user("bob").map(User::role)).contains(Role.READONLY);
    }

    // ---------------------------------------------------------------- passwords, enabling, renaming

    @Test
    void changePasswordReplacesTheOldPassword() {
        ctl("add-user", "bob", "--password", "oldpass12").assertSucceeded();

        Result result = ctl("change-password", "bob", "--password", "newpass34");

        result.assertSucceeded();
        assertThat(result.out()).contains("Password of 'bob' changed");
        assertThat(canLogIn("bob", "newpass34")).isTrue();
        assertThat(canLogIn("bob", "oldpass12")).isFalse();
    }

    @Test
    void changePasswordReadsTheNewPasswordFromStandardInput() {
        ctl("add-user", "bob", "--password", "oldpass12").assertSucceeded();

        Result result = ctlWithInput("newpass34\n", "change-password", "bob");

        result.assertSucceeded();
        assertThat(canLogIn("bob", "newpass34")).isTrue();
        assertThat(canLogIn("bob", "oldpass12")).isFalse();
    }

    @Test
    void changePasswordOfAnUnknownUserFails() {
        Result result = ctl("change-password", "ghost", "--password", "newpass34");

        assertThat(result.exitCode()).isEqualTo(FAILED);
        assertThat(result.err()).contains("'ghost'").contains("does not exist");
        assertThat(usernames()).isEmpty();
    }

    @Test
    void disabledUsersCannotLogInUntilEnabledAgain() {
        ctl("add-user", "bob", "--password", "bobpass12").assertSucceeded();

        Result disable = ctl("disable-user", "bob");

        disable.assertSucceeded();
        assertThat(disable.out()).contains("User 'bob' disabled");
        assertThat(user("bob").map(User::enabled)).contains(false);
        assertThat(canLogIn("bob", "bobpass12")).isFalse();

        Result enable = ctl("enable-user", "bob");

        enable.assertSucceeded();
        assertThat(enable.out()).contains("User 'bob' enabled");
        assertThat(user("bob").map(User::enabled)).contains(true);
        assertThat(canLogIn("bob", "bobpass12")).isTrue();
    }

    @Test
    void disableAndEnableAnUnknownUserFail() {
        Result disable = ctl("disable-user", "ghost");
        Result enable = ctl("enable-user", "ghost");

        assertThat(disable.exitCode()).isEqualTo(FAILED);
        assertThat(disable.err()).contains("'ghost'").contains("does not exist");
        assertThat(enable.exitCode()).isEqualTo(FAILED);
        assertThat(enable.err()).contains("'ghost'").contains("does not exist");
    }

    @Test
    void renameUserMovesTheAccountToTheNewName() {
        ctl("add-user", "bob", "--password", "bobpass12", "--role", "readonly").assertSucceeded();
        long id = user("bob").orElseThrow().id();

        Result result = ctl("rename-user", "bob", "robert");

        result.assertSucceeded();
        assertThat(result.out()).contains("User 'bob' renamed to 'robert'");
        assertThat(user("bob")).isEmpty();
        User robert = user("robert").orElseThrow();
        assertThat(robert.id()).isEqualTo(id);
        assertThat(robert.role()).isEqualTo(Role.READONLY);
        assertThat(canLogIn("robert", "bobpass12")).isTrue();
        assertThat(canLogIn("bob", "bobpass12")).isFalse();
    }

    @Test
    void renameUserToAnExistingNameFailsAndChangesNothing() {
        ctl("add-user", "bob", "--password", "bobpass12").assertSucceeded();
        ctl("add-user", "alice", "--password", "alicepass1").assertSucceeded();

        Result result = ctl("rename-user", "bob", "alice");

        assertThat(result.exitCode()).isEqualTo(FAILED);
        assertThat(result.err()).contains("rename-user").contains("already exists");
        assertThat(usernames()).containsExactlyInAnyOrder("alice", "bob");
        assertThat(canLogIn("bob", "bobpass12")).isTrue();
        assertThat(canLogIn("alice", "alicepass1")).isTrue();
    }

    @Test
    void renameAnUnknownUserFails() {
        Result result = ctl("rename-user", "ghost", "spirit");

        assertThat(result.exitCode()).isEqualTo(FAILED);
        assertThat(result.err()).contains("'ghost'").contains("does not exist");
        assertThat(usernames()).isEmpty();
    }

    // ---------------------------------------------------------------- the last superuser

    @Test
    void theOnlyEnabledSuperuserCannotBeDisabledOrDemoted() {
        ctl("initialize", "--admin-username", "admin", "--admin-password", "adminpass1")
                .assertSucceeded();

        Result disable = ctl("disable-user", "admin");

        assertThat(disable.exitCode()).isEqualTo(FAILED);
        assertThat(disable.err()).contains("disable-user").contains("superuser");
        assertThat(user("admin").map(User::enabled)).contains(true);

        Result demote = ctl("assign-role", "admin", "--role", "read/write");

        assertThat(demote.exitCode()).isEqualTo(FAILED);
        assertThat(demote.err()).contains("superuser");
        assertThat(user("admin").map(User::role)).contains(Role.SUPERUSER);

        ctl("add-user", "root", "--password", "rootpass1", "--role", "superuser")
                .assertSucceeded();
        Result disableWithAnother = ctl("disable-user", "admin");

        disableWithAnother.assertSucceeded();
        assertThat(user("admin").map(User::enabled)).contains(false);
        assertThat(canLogIn("admin", "adminpass1")).isFalse();
    }

    // ---------------------------------------------------------------- list-users

    @Test
    void listUsersPrintsUsernamesRolesAndState() {
        ctl("initialize", "--admin-username", "admin", "--admin-password", "adminpass1")
                .assertSucceeded();
        ctl("add-user", "bob", "--password", "bobpass12", "--role", "readonly", "--email", "bob@example.com")
                .assertSucceeded();
        ctl("add-user", "carol", "--password", "carolpass1").assertSucceeded();
        ctl("disable-user", "carol").assertSucceeded();

        Result result = ctl("list-users");

        result.assertSucceeded();
        List<String> lines = result.out().lines().map(String::strip).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("\\d+\\s+admin\\s+superuser\\s+enabled");
        assertThat(lines.get(1)).matches("\\d+\\s+bob\\s+readonly\\s+enabled\\s+bob@example\\.com");
        assertThat(lines.get(2)).matches("\\d+\\s+carol\\s+read/write\\s+disabled");
    }

    @Test
    void listUsersOfAnEmptyDatabasePrintsNothing() {
        Result result = ctl("list-users");

        result.assertSucceeded();
        assertThat(result.out()).isEmpty();
        assertThat(Files.exists(dataDir.resolve("calamari.db"))).isTrue();
    }

    // ---------------------------------------------------------------- clear

    @Test
    void usageErrorsAreFoundBeforeTheDatabaseIsCreated() {
        assertThat(ctl("clear").exitCode()).isEqualTo(USAGE);
        assertThat(ctl("initialize", "--admin-email", "a@example.com").exitCode())
                .isEqualTo(USAGE);
        assertThat(ctl("add-user", "bob", "--password", "bobpass12", "--role", "root")
                        .exitCode())
                .isEqualTo(USAGE);
        assertThat(dataDir.resolve("calamari.db")).doesNotExist();
    }

    @Test
    void onlySettingsComeFromTheEnvironmentNeverConfirmationsRolesOrPasswords() {
        Map<String, String> environment = Map.of(
                "CALAMARI_DATA_DIR", dataDir.toString(),
                "CALAMARI_VERSION", "1.2.3",
                "CALAMARI_HELP", "true",
                "CALAMARI_YES_I_AM_SURE", "true",
                "CALAMARI_ROLE", "superuser",
                "CALAMARI_PASSWORD", "from-the-environment");

        Result added = run(environment, "typed-password\n", new String[] {"add-user", "bob"});
        added.assertSucceeded();
        assertThat(user("bob").map(User::role)).contains(Role.READ_WRITE);
        assertThat(canLogIn("bob", "typed-password")).isTrue();
        assertThat(run(environment, "", new String[] {"clear"}).exitCode()).isEqualTo(USAGE);
    }

    @Test
    void everySubcommandHasHelp() {
        Result help = run(Map.of(), "", new String[] {"add-user", "--help"});
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage:").contains("USERNAME").contains("--data-dir");
    }

    @Test
    void clearWithoutConfirmationIsAUsageErrorAndDeletesNothing() {
        ctl("add-user", "bob", "--password", "bobpass12").assertSucceeded();
        createEventsTable();

        Result result = ctl("clear");

        assertThat(result.exitCode()).isEqualTo(USAGE);
        assertThat(result.err()).contains("clear").contains("--yes-i-am-sure");
        assertThat(result.out()).doesNotContain("Cleared");
        assertThat(countRows("events")).isEqualTo(2);
        assertThat(usernames()).containsExactly("bob");
    }

    @Test
    void clearEmptiesMonitoringTablesAndKeepsUsersAndSettings() {
        ctl("initialize", "--admin-username", "admin", "--admin-password", "adminpass1")
                .assertSucceeded();
        String secret = serverSecret().orElseThrow();
        createEventsTable();
        storeASnapshot();

        Result result = ctl("clear", "--yes-i-am-sure");

        result.assertSucceeded();
        assertThat(result.out())
                .contains("Cleared 5 tables: cluster_snapshot_parts, cluster_snapshots, event_log, events,"
                        + " user_requests");
        assertThat(countRows("events")).isZero();
        assertThat(countRows("cluster_snapshots")).isZero();
        assertThat(countRows("cluster_snapshot_parts")).isZero();
        assertThat(usernames()).containsExactly("admin");
        assertThat(canLogIn("admin", "adminpass1")).isTrue();
        assertThat(serverSecret()).contains(secret);
    }

    // ---------------------------------------------------------------- usage errors

    @Test
    void anUnknownCommandIsAUsageError() {
        Result result = ctl("frobnicate");

        assertThat(result.exitCode()).isEqualTo(USAGE);
        assertThat(result.err()).contains("frobnicate");
        assertThat(Files.exists(dataDir)).isFalse();
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Result result = ctl("add-user", "bob", "--password", "bobpass12", "--colour", "blue");

        assertThat(result.exitCode()).isEqualTo(USAGE);
        assertThat(result.err()).contains("Unknown option").contains("--colour");
        assertThat(Files.exists(dataDir)).isFalse();
    }

    @Test
    void noCommandIsAUsageError() {
        Result result = run(Map.of(), "", new String[0]);

        assertThat(result.exitCode()).isEqualTo(USAGE);
        assertThat(result.err()).contains("a command is required");
    }

    // ---------------------------------------------------------------- environment and config file

    @Test
    void theDataDirectoryMayComeFromTheEnvironment() {
        Result result = run(Map.of("CALAMARI_DATA_DIR", dataDir.toString()), "", new String[] {
            "add-user", "bob", "--password", "bobpass12"
        });

        result.assertSucceeded();
        assertThat(canLogIn("bob", "bobpass12")).isTrue();
    }

    @Test
    void theCommandLineDataDirectoryBeatsTheEnvironment() {
        Path fromEnvironment = temp.resolve("from-environment");

        Result result = run(Map.of("CALAMARI_DATA_DIR", fromEnvironment.toString()), "", new String[] {
            "add-user", "bob", "--password", "bobpass12", "--data-dir", dataDir.toString()
        });

        result.assertSucceeded();
        assertThat(user("bob")).isPresent();
        assertThat(Files.exists(fromEnvironment)).isFalse();
    }

    @Test
    void theDataDirectoryMayComeFromTheConfigFile() throws IOException {
        Path config = writeConfig("# calamari settings", "", "data-dir = " + dataDir);

        Result result = run(
                Map.of(), "", new String[] {"add-user", "bob", "--password", "bobpass12", "--config", config.toString()
                });

        result.assertSucceeded();
        assertThat(canLogIn("bob", "bobpass12")).isTrue();
    }

    @Test
    void theConfigFileMayBeNamedByTheEnvironment() throws IOException {
        Path config = writeConfig("data-dir = " + dataDir);

        Result result = run(Map.of("CALAMARI_CONFIG", config.toString()), "", new String[] {
            "add-user", "bob", "--password", "bobpass12"
        });

        result.assertSucceeded();
        assertThat(canLogIn("bob", "bobpass12")).isTrue();
    }

    @Test
    void theEnvironmentBeatsTheConfigFile() throws IOException {
        Path fromFile = temp.resolve("from-file");
        Path config = writeConfig("data-dir = " + fromFile);

        Result result = run(Map.of("CALAMARI_DATA_DIR", dataDir.toString()), "", new String[] {
            "add-user", "bob", "--password", "bobpass12", "--config", config.toString()
        });

        result.assertSucceeded();
        assertThat(user("bob")).isPresent();
        assertThat(Files.exists(fromFile)).isFalse();
    }

    @Test
    void anUnknownSettingInTheConfigFileIsAUsageErrorNamingKeyAndLine() throws IOException {
        Path config = writeConfig("data-dir = " + dataDir, "colour = blue");

        Result result = ctl("add-user", "bob", "--password", "bobpass12", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(USAGE);
        assertThat(result.err()).contains(config.toString()).contains("line 2").contains("unknown setting 'colour'");
        assertThat(Files.exists(dataDir)).isFalse();
    }

    @Test
    void aMissingConfigFileIsAUsageError() {
        Path missing = temp.resolve("missing.conf");

        Result result = ctl("list-users", "--config", missing.toString());

        assertThat(result.exitCode()).isEqualTo(USAGE);
        assertThat(result.err()).contains("cannot read config file").contains(missing.toString());
        assertThat(Files.exists(dataDir)).isFalse();
    }

    // ---------------------------------------------------------------- helpers

    private record Result(int exitCode, String out, String err) {
        void assertSucceeded() {
            assertThat(exitCode).as("exit code; stderr: %s", err).isZero();
            assertThat(err).as("stderr").isEmpty();
        }
    }

    /** Runs a ctl command with {@code --data-dir} appended, an empty environment and empty stdin. */
    private Result ctl(String... args) {
        return ctlWithInput("", args);
    }

    private Result ctlWithInput(String stdin, String... args) {
        List<String> withDataDir = new ArrayList<>(Arrays.asList(args));
        withDataDir.add("--data-dir");
        withDataDir.add(dataDir.toString());
        return run(Map.of(), stdin, withDataDir.toArray(String[]::new));
    }

    private static Result run(Map<String, String> environment, String stdin, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CtlMain.run(
                args,
                environment,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                false);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private Path writeConfig(String... lines) throws IOException {
        Path file = temp.resolve("calamari.conf");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    /** Opens this test's database directly (no migration: the ctl command must have done it). */
    private <T> T withDatabase(Function<Database, T> action) {
        try (Database database = Database.open(DatabaseConfig.sqliteIn(dataDir), new SimpleMeterRegistry())) {
            return action.apply(database);
        }
    }

    private <T> T withUsers(Function<UserService, T> action) {
        return withDatabase(database ->
                action.apply(new UserService(new UserStore(database.jdbi()), new PasswordHasher(), Clock.systemUTC())));
    }

    private Optional<User> user(String username) {
        return withUsers(users -> users.findByUsername(username));
    }

    private List<String> usernames() {
        return withUsers(users -> users.list().stream().map(User::username).toList());
    }

    private boolean canLogIn(String username, String password) {
        return withUsers(users -> users.authenticate(username, password).isPresent());
    }

    private Optional<String> serverSecret() {
        return withDatabase(database -> new SettingStore(database.jdbi()).find("server_secret"));
    }

    /** A stand-in for monitoring state: a table the migrations know nothing about, with two rows. */
    private void createEventsTable() {
        withDatabase(database -> {
            Jdbi jdbi = database.jdbi();
            jdbi.useHandle(handle -> {
                handle.execute("CREATE TABLE events (id INTEGER, message TEXT)");
                handle.execute("INSERT INTO events (id, message) VALUES (1, 'osd.0 down'), (2, 'osd.0 up')");
            });
            return null;
        });
        assertThat(countRows("events")).isEqualTo(2);
    }

    private void storeASnapshot() {
        withDatabase(database -> {
            new SnapshotStore(database.jdbi())
                    .save(
                            "11111111-2222-3333-4444-555555555555",
                            "ceph",
                            Instant.EPOCH,
                            SnapshotCodec.FORMAT,
                            Instant.EPOCH,
                            List.of(new SnapshotStore.StoredPart("status", 1, Instant.EPOCH, new byte[] {1, 2, 3})),
                            Set.of());
            return null;
        });
        assertThat(countRows("cluster_snapshot_parts")).isEqualTo(1);
    }

    private int countRows(String table) {
        return withDatabase(database -> database.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM " + table)
                        .mapTo(Integer.class)
                        .one()));
    }
}
