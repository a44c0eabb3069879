package io.calamari.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.cluster.DemoCluster;
import io.calamari.server.config.CarbonConfig;
import io.calamari.server.config.CephClusterConfig;
import io.calamari.server.config.CommandLines;
import io.calamari.server.config.ConfigFile;
import io.calamari.server.config.Retention;
import io.calamari.server.config.ServerConfig;
import io.calamari.server.db.DatabaseConfig;
import io.calamari.simulator.SimulatorSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options of {@code calamari server}: defaults, where values come from (command line, then
 * environment, then config file, then default) and how bad values are reported. Nothing here starts a
 * server: failing cases exit 2 before {@code call()} starts anything, and successful resolution goes
 * through {@code --help} (see {@link #resolve}).
 */
@Timeout(60) // a regression that lets the server start would otherwise block forever
class ServerOptionsTest {
    @TempDir
    Path temp;

    private Path cephConf;
    private Path otherCephConf;
    private Path keyring;

    @BeforeEach
    void setUp() throws IOException {
        cephConf = Files.writeString(temp.resolve("ceph.conf"), "[global]\nfsid = 1\n");
        otherCephConf = Files.writeString(temp.resolve("other.conf"), "[global]\nfsid = 2\n");
        keyring = Files.writeString(temp.resolve("ceph.client.admin.keyring"), "[client.admin]\n");
    }

    // ---------------------------------------------------------------- defaults

    @Test
    void defaultsWithPlainPicocliParsing() {
        ServerMain server = new ServerMain();
        new CommandLine(server).parseArgs();

        assertDefaults(server.config());
    }

    @Test
    void defaultsThroughTheRealMechanismWithAnEmptyEnvironment() {
        assertDefaults(resolve(Map.of()));
    }

    private static void assertDefaults(ServerConfig config) {
        assertThat(config.dataDirectory()).isEqualTo(Path.of("./data"));
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.database()).isEqualTo(DatabaseConfig.sqliteIn(Path.of("./data")));
        assertThat(config.database().url())
                .startsWith("jdbc:sqlite:")
                .endsWith(Path.of("data", "calamari.db").toString());
        assertThat(config.sessionIdleTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(config.cephClusters()).isEmpty();
        assertThat(config.carbon()).isEqualTo(CarbonConfig.standardPorts());
        assertThat(config.carbon().plaintextPort()).hasValue(2003);
        assertThat(config.carbon().picklePort()).hasValue(2004);
    }

    @Test
    void eachCarbonListenerCanBeTurnedOff() {
        ServerConfig config = resolve(Map.of("CALAMARI_CARBON_PICKLE_PORT", "off"), "--carbon-port", "OFF");

        assertThat(config.carbon().plaintextPort()).isEmpty();
        assertThat(config.carbon().picklePort()).isEmpty();
    }

    @Test
    void carbonPortZeroMeansAnyFreePort() {
        assertThat(resolve(Map.of(), "--carbon-port", "0").carbon().plaintextPort())
                .hasValue(0);
    }

    @Test
    void demoSizeReplacesTheNamedSizesOfTheDemoCluster() {
        ServerConfig config = resolve(Map.of(), "--demo", "--demo-size", "hosts=1000, osds-per-host=10,pgs=1000000");

        assertThat(config.demo())
                .contains(new SimulatorSpec(
                        DemoCluster.SPEC.racks(), 1000, 10, DemoCluster.SPEC.pools(), 1_000_000, 3, 1));
    }

    @Test
    void theSqliteDatabaseLivesInTheDataDirectory() {
        Path dataDir = temp.resolve("data");

        ServerConfig config = resolve(Map.of(), "--data-dir", dataDir.toString());

        assertThat(config.dataDirectory()).isEqualTo(dataDir);
        assertThat(config.database().url())
                .isEqualTo("jdbc:sqlite:" + dataDir.resolve("calamari.db").toAbsolutePath());
        assertThat(config.database().user()).isEmpty();
        assertThat(config.database().password()).isEmpty();
    }

    @Test
    void aPostgresqlDatabaseWithCredentials() {
        ServerConfig config = resolve(
                Map.of("CALAMARI_DATABASE_PASSWORD", "s3cret"),
                "--database-url",
                "jdbc:postgresql://db.example.com:5433/calamari",
                "--database-user",
                "calamari");

        assertThat(config.database())
                .isEqualTo(new DatabaseConfig(
                        "jdbc:postgresql://db.example.com:5433/calamari",
                        Optional.of("calamari"),
                        Optional.of("s3cret")));
    }

    @Test
    void eachCephConfIsAClusterWithTheDefaultClientName() {
        ServerConfig config = resolve(Map.of(), "--ceph-conf", cephConf.toString());

        assertThat(config.cephClusters())
                .containsExactly(new CephClusterConfig(cephConf, Optional.empty(), "client.admin"));
    }

    @Test
    void demoMonitorsOnlyTheSimulatedCluster() {
        ServerConfig config = resolve(Map.of("CALAMARI_DEMO", "true"));

        assertThat(config.demo()).contains(DemoCluster.SPEC);
        assertThat(config.cephClusters()).isEmpty();
    }

    @Test
    void cephConfTakesCommaSeparatedListsAndRepeats() {
        Path third = temp.resolve("third.conf");
        writeFile(third, "[global]\n");

        ServerConfig config = resolve(
                Map.of(),
                "--ceph-conf",
                cephConf + "," + otherCephConf,
                "--ceph-conf",
                third.toString(),
                "--ceph-keyring",
                keyring.toString(),
                "--ceph-client",
                "client.calamari");

        assertThat(config.cephClusters())
                .containsExactly(
                        new CephClusterConfig(cephConf, Optional.of(keyring), "client.calamari"),
                        new CephClusterConfig(otherCephConf, Optional.of(keyring), "client.calamari"),
                        new CephClusterConfig(third, Optional.of(keyring), "client.calamari"));
    }

    @Test
    void plainPicocliParsingSplitsAndRepeatsCephConfToo() {
        ServerMain server = new ServerMain();
        new CommandLine(server)
                .parseArgs("--ceph-conf", cephConf + "," + otherCephConf, "--ceph-conf", cephConf.toString());

        assertThat(server.config().cephClusters())
                .extracting(CephClusterConfig::confFile)
                .containsExactly(cephConf, otherCephConf, cephConf);
    }

    @Test
    void durationsInSeveralForms() {
        assertThat(resolve(Map.of(), "--session-idle-timeout", "90s").sessionIdleTimeout())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(resolve(Map.of(), "--session-idle-timeout", "30m").sessionIdleTimeout())
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(resolve(Map.of(), "--session-idle-timeout", "7d").sessionIdleTimeout())
                .isEqualTo(Duration.ofDays(7));
        assertThat(resolve(Map.of(), "--session-idle-timeout", "PT2H").sessionIdleTimeout())
                .isEqualTo(Duration.ofHours(2));
    }

    // ---------------------------------------------------------------- precedence

    @ParameterizedTest(name = "command line {0}, environment {1}, file {2} → {3}")
    @CsvSource({
        "9003, 9002, 9001, 9003",
        "9003,     , 9001, 9003",
        "9003, 9002,     , 9003",
        "    , 9002, 9001, 9002",
        "    , 9002,     , 9002",
        "    ,     , 9001, 9001",
        "    ,     ,     , 8080",
    })
    void httpPortPrecedence(
            @Nullable String commandLine, @Nullable String environment, @Nullable String file, int expected)
            throws IOException {
        List<String> args = new ArrayList<>();
        if (commandLine != null) {
            args.addAll(List.of("--http-port", commandLine));
        }
        Map<String, String> env = environment == null ? Map.of() : Map.of("CALAMARI_HTTP_PORT", environment);
        if (file != null) {
            args.addAll(List.of("--config", writeConfig("http-port = " + file).toString()));
        }

        assertThat(resolve(env, args.toArray(String[]::new)).httpPort()).isEqualTo(expected);
    }

    @Test
    void eachLayerFillsInWhatTheLayersAboveLeaveOpen() throws IOException {
        Path config = writeConfig(
                "# every layer sets some options",
                "data-dir = " + temp.resolve("from-file"),
                "http-port = 9001",
                "bind = 10.0.0.1",
                "session-idle-timeout = 5m",
                "ceph-client = client.file");
        Map<String, String> env = Map.of(
                "CALAMARI_HTTP_PORT", "9002",
                "CALAMARI_BIND", "10.0.0.2",
                "CALAMARI_CEPH_CONF", cephConf.toString());

        ServerConfig resolved = resolve(env, "--config", config.toString(), "--http-port", "9003");

        assertThat(resolved.httpPort()).as("command line").isEqualTo(9003);
        assertThat(resolved.bindAddress()).as("environment over file").isEqualTo("10.0.0.2");
        assertThat(resolved.dataDirectory()).as("file").isEqualTo(temp.resolve("from-file"));
        assertThat(resolved.database()).isEqualTo(DatabaseConfig.sqliteIn(temp.resolve("from-file")));
        assertThat(resolved.sessionIdleTimeout()).as("file").isEqualTo(Duration.ofMinutes(5));
        assertThat(resolved.cephClusters())
                .as("environment and file")
                .containsExactly(new CephClusterConfig(cephConf, Optional.empty(), "client.file"));
    }

    @Test
    void theConfigFileCanSetEveryServerOption() throws IOException {
        Path config = writeConfig(
                "data-dir = " + temp.resolve("file-data"),
                "http-port = 9100",
                "bind = 0.0.0.0",
                "database-url = jdbc:postgresql://pg/calamari",
                "database-user = calamari",
                "database-password = filepass",
                "ceph-conf = " + cephConf + "," + otherCephConf,
                "ceph-keyring = " + keyring,
                "ceph-client = client.file",
                "demo = false",
                "session-idle-timeout = 12h",
                "request-timeout = 20m",
                "event-retention = 30d",
                "audit-retention = 730d",
                "request-retention = 14d",
                "carbon-port = 12003",
                "carbon-pickle-port = off",
                "carbon-max-connections = 10",
                "carbon-max-frame-bytes = 4096",
                "carbon-idle-timeout = 5m",
                "metrics-sync-interval = 250ms");

        ServerConfig resolved = resolve(Map.of(), "--config", config.toString());

        assertThat(resolved)
                .isEqualTo(new ServerConfig(
                        temp.resolve("file-data"),
                        "0.0.0.0",
                        9100,
                        new DatabaseConfig(
                                "jdbc:postgresql://pg/calamari", Optional.of("calamari"), Optional.of("filepass")),
                        List.of(
                                new CephClusterConfig(cephConf, Optional.of(keyring), "client.file"),
                                new CephClusterConfig(otherCephConf, Optional.of(keyring), "client.file")),
                        Duration.ofHours(12),
                        Duration.ofMinutes(20),
                        new Retention(Duration.ofDays(30), Duration.ofDays(730), Duration.ofDays(14)),
                        Optional.empty(),
                        new CarbonConfig(OptionalInt.of(12003), OptionalInt.empty(), 10, 4096, Duration.ofMinutes(5)),
                        Duration.ofMillis(250)));
    }

    @Test
    void theEnvironmentCanSetEveryServerOption() {
        Map<String, String> env = new HashMap<>();
        env.put("CALAMARI_DATA_DIR", temp.resolve("env-data").toString());
        env.put("CALAMARI_HTTP_PORT", "9200");
        env.put("CALAMARI_BIND", "::1");
        env.put("CALAMARI_DATABASE_URL", "jdbc:postgresql://pg/env");
        env.put("CALAMARI_DATABASE_USER", "envuser");
        env.put("CALAMARI_DATABASE_PASSWORD", "envpass");
        env.put("CALAMARI_CEPH_CONF", cephConf + "," + otherCephConf);
        env.put("CALAMARI_CEPH_KEYRING", keyring.toString());
        env.put("CALAMARI_CEPH_CLIENT", "client.env");
        env.put("CALAMARI_DEMO", "false");
        env.put("CALAMARI_SESSION_IDLE_TIMEOUT", "45m");
        env.put("CALAMARI_REQUEST_TIMEOUT", "90s");
        env.put("CALAMARI_EVENT_RETENTION", "7d");
        env.put("CALAMARI_AUDIT_RETENTION", "30d");
        env.put("CALAMARI_REQUEST_RETENTION", "1d");
        env.put("CALAMARI_CARBON_PORT", "off");
        env.put("CALAMARI_CARBON_PICKLE_PORT", "12004");
        env.put("CALAMARI_CARBON_MAX_CONNECTIONS", "20");
        env.put("CALAMARI_CARBON_MAX_FRAME_BYTES", "8192");
        env.put("CALAMARI_CARBON_IDLE_TIMEOUT", "30s");
        env.put("CALAMARI_METRICS_SYNC_INTERVAL", "5s");

        ServerConfig resolved = resolve(env);

        assertThat(resolved)
                .isEqualTo(new ServerConfig(
                        temp.resolve("env-data"),
                        "::1",
                        9200,
                        new DatabaseConfig("jdbc:postgresql://pg/env", Optional.of("envuser"), Optional.of("envpass")),
                        List.of(
                                new CephClusterConfig(cephConf, Optional.of(keyring), "client.env"),
                                new CephClusterConfig(otherCephConf, Optional.of(keyring), "client.env")),
                        Duration.ofMinutes(45),
                        Duration.ofSeconds(90),
                        new Retention(Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(1)),
                        Optional.empty(),
                        new CarbonConfig(OptionalInt.empty(), OptionalInt.of(12004), 20, 8192, Duration.ofSeconds(30)),
                        Duration.ofSeconds(5)));
    }

    @Test
    void cephConfOnTheCommandLineReplacesTheFilesList() throws IOException {
        Path config = writeConfig("ceph-conf = " + cephConf);

        ServerConfig resolved =
                resolve(Map.of(), "--config", config.toString(), "--ceph-conf", otherCephConf.toString());

        assertThat(resolved.cephClusters())
                .extracting(CephClusterConfig::confFile)
                .containsExactly(otherCephConf);
    }

    @Test
    void theConfigFileMayBeNamedByTheEnvironmentButTheCommandLineWins() {
        Path fromEnvironment = writeFile(temp.resolve("env.conf"), "http-port = 9301\n");
        Path fromCommandLine = writeFile(temp.resolve("cli.conf"), "http-port = 9302\n");

        assertThat(resolve(Map.of("CALAMARI_CONFIG", fromEnvironment.toString()))
                        .httpPort())
                .isEqualTo(9301);
        assertThat(resolve(Map.of("CALAMARI_CONFIG", fromEnvironment.toString()), "--config=" + fromCommandLine)
                        .httpPort())
                .isEqualTo(9302);
    }

    @Test
    void environmentVariableNames() {
        assertThat(CommandLines.environmentVariable("--data-dir")).isEqualTo("CALAMARI_DATA_DIR");
        assertThat(CommandLines.environmentVariable("--session-idle-timeout"))
                .isEqualTo("CALAMARI_SESSION_IDLE_TIMEOUT");
    }

    // ---------------------------------------------------------------- usage errors (exit 2)

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "--http-port abc                      | Invalid value for option '--http-port': 'abc' is not an int",
                "--http-port 70000                    | --http-port must be between 0 and 65535, got 70000",
                "--http-port -1                       | --http-port must be between 0 and 65535, got -1",
                "--nope                               | Unknown option: '--nope'",
                "--demo --ceph-conf /does/not/exist   | --demo monitors a simulated cluster: leave out --ceph-conf",
                "--demo-size hosts=3                  | --demo-size sizes the simulated cluster of --demo: give --demo too",
                "--demo --demo-size hosts             | --demo-size: expected key=value pairs with keys racks, hosts, osds-per-host, pools, pgs, mons, seed; got 'hosts'",
                "--demo --demo-size hosts=x           | --demo-size: hosts must be a whole number, got 'x'",
                "--demo --demo-size hosts=0           | --demo-size: hosts must be at least 1, was 0",
                "--ceph-conf /does/not/exist          | --ceph-conf: cannot read /does/not/exist",
                "--ceph-keyring /does/not/exist       | --ceph-keyring: cannot read /does/not/exist",
                "--database-url jdbc:mysql://x/y      | --database-url: unsupported database URL 'jdbc:mysql://x/y'",
                "--session-idle-timeout soon          | Invalid value for option '--session-idle-timeout': 'soon' is not a duration",
                "--session-idle-timeout 0s            | --session-idle-timeout must be positive",
                "--audit-retention 0s                 | --audit-retention must be positive",
                "--request-retention 0s               | --request-retention must be positive",
                "--metrics-sync-interval 0s           | --metrics-sync-interval must be positive",
                "--config                             | Missing required parameter for option '--config'",
                "--carbon-port 70000                  | --carbon-port must be 'off' or between 0 and 65535, got '70000'",
                "--carbon-pickle-port none            | --carbon-pickle-port must be 'off' or between 0 and 65535, got 'none'",
                "--carbon-max-connections 0           | --carbon-max-connections must be positive, got 0",
                "--carbon-max-frame-bytes -1          | --carbon-max-frame-bytes must be positive, got -1",
                "--carbon-idle-timeout soon           | Invalid value for option '--carbon-idle-timeout': 'soon' is not a duration",
            })
    void badCommandLinesAreUsageErrors(String commandLine, String message) {
        Result result = execute(Map.of(), commandLine.split(" "));

        result.assertUsageError(message);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            quoteCharacter = '"',
            value = {
                "CALAMARI_HTTP_PORT, abc, Invalid value for option '--http-port': 'abc' is not an int",
                "CALAMARI_HTTP_PORT, 65536, --http-port must be between 0 and 65535, got 65536",
                "CALAMARI_SESSION_IDLE_TIMEOUT, soon, Invalid value for option '--session-idle-timeout'",
                "CALAMARI_DATABASE_URL, jdbc:mysql://x/y, --database-url: unsupported database URL",
            })
    void badEnvironmentValuesAreUsageErrors(String variable, String value, String message) {
        execute(Map.of(variable, value)).assertUsageError(message);
    }

    @Test
    void badConfigFileValuesAreUsageErrors() throws IOException {
        Path config = writeConfig("http-port = 70000");

        execute(Map.of(), "--config", config.toString())
                .assertUsageError("--http-port must be between 0 and 65535, got 70000");
    }

    @Test
    void anUnknownSettingInTheConfigFileIsAUsageErrorNamingKeyAndLine() throws IOException {
        Path config = writeConfig("# comment", "http-port = 9000", "colour = blue");

        Result result = execute(Map.of(), "--config", config.toString());

        result.assertUsageError("unknown setting 'colour'");
        assertThat(result.err()).contains(config + " line 3");
    }

    @Test
    void aMalformedOrRepeatedConfigLineIsAUsageError() throws IOException {
        Path malformed = writeConfig("http-port 9000");
        execute(Map.of(), "--config", malformed.toString())
                .assertUsageError(malformed + " line 1: expected 'name = value'");

        Path repeated = writeConfig("bind = 0.0.0.0", "bind = ::");
        execute(Map.of(), "--config", repeated.toString()).assertUsageError(repeated + " line 2: 'bind' is set twice");
    }

    @Test
    void aMissingConfigFileIsAUsageError() {
        Path missing = temp.resolve("missing.conf");

        execute(Map.of(), "--config", missing.toString()).assertUsageError("cannot read config file " + missing);
        execute(Map.of("CALAMARI_CONFIG", missing.toString())).assertUsageError("cannot read config file " + missing);
    }

    // ---------------------------------------------------------------- config file ↔ options

    @Test
    void theConfigFileKnowsExactlyTheServersOptions() {
        Set<String> optionNames = new CommandLine(new ServerMain())
                .getCommandSpec().options().stream()
                        .map(OptionSpec::longestName)
                        .filter(name -> name.startsWith("--"))
                        .map(name -> name.substring(2))
                        .collect(Collectors.toSet());
        optionNames.removeAll(Set.of("config", "help", "version"));

        assertThat(optionNames).hasSize(22);
        assertThat(ConfigFile.SETTINGS).containsExactlyInAnyOrderElementsOf(optionNames);
    }

    // ---------------------------------------------------------------- helpers

    @Test
    void unrelatedCalamariVariablesInTheEnvironmentAreIgnored() {
        ServerConfig config = resolve(Map.of("CALAMARI_VERSION", "1.2.3", "CALAMARI_HELP", "yes"));
        assertDefaults(config);
    }

    private record Result(int exitCode, String out, String err) {
        void assertUsageError(String message) {
            assertThat(exitCode).as("exit code; stderr: %s", err).isEqualTo(CommandLines.USAGE_ERROR);
            assertThat(err).contains(message);
            assertThat(out).isEmpty();
        }
    }

    private static Result execute(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CommandLines.execute(
                new ServerMain(), args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exitCode, out.toString(), err.toString());
    }

    /**
     * The configuration {@code calamari server ARGS} would run with under {@code environment}, without
     * starting it. {@link CommandLines} offers no way to parse without executing, so this runs the real
     * {@link CommandLines#execute} with {@code --help} added: picocli parses everything (filling
     * ServerMain's fields from the command line, environment, config file and defaults), prints the
     * usage and returns 0 without calling {@link ServerMain#call()}; {@link ServerMain#config()} then
     * checks and resolves the fields.
     */
    private static ServerConfig resolve(Map<String, String> environment, String... args) {
        ServerMain server = new ServerMain();
        List<String> withHelp = new ArrayList<>(Arrays.asList(args));
        withHelp.add(0, "--help");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = CommandLines.execute(
                server,
                withHelp.toArray(String[]::new),
                environment,
                new PrintWriter(out, true),
                new PrintWriter(err, true));

        assertThat(exitCode).as("exit code; stderr: %s", err).isZero();
        assertThat(out.toString()).startsWith("Usage: calamari server");
        return server.config();
    }

    private Path writeConfig(String... lines) throws IOException {
        Path file = Files.createTempFile(temp, "calamari", ".conf");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    private static Path writeFile(Path file, String content) {
        try {
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
