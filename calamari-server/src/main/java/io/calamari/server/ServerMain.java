package io.calamari.server;

import io.calamari.server.cluster.DemoCluster;
import io.calamari.server.config.CarbonConfig;
import io.calamari.server.config.CephClusterConfig;
import io.calamari.server.config.CommandLines;
import io.calamari.server.config.DurationConverter;
import io.calamari.server.config.Retention;
import io.calamari.server.config.ServerConfig;
import io.calamari.server.config.StorageOptions;
import io.calamari.server.config.UsageException;
import io.calamari.simulator.SimulatorSpec;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code calamari server}: runs the server until it is stopped (SIGTERM or Ctrl-C). */
@Command(
        name = "calamari server",
        mixinStandardHelpOptions = true,
        versionProvider = ServerMain.Version.class,
        sortOptions = false,
        description = "Runs the Calamari server. Every option can also be set by the environment variable "
                + "CALAMARI_<OPTION> (e.g. CALAMARI_HTTP_PORT) or in the --config file as 'option = value'.")
public final class ServerMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServerMain.class);

    /** Monitored when no --ceph-conf is given and the file exists, as the ceph CLI would use it. */
    Path defaultCephConf = Path.of("/etc/ceph/ceph.conf");

    @Mixin
    StorageOptions storage = new StorageOptions();

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int httpPort = 8080;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
    String bindAddress = "127.0.0.1";

    @Option(
            names = "--ceph-conf",
            paramLabel = "PATH",
            split = ",",
            description = "A cluster's ceph.conf; repeat for several clusters.")
    List<Path> cephConfFiles = new ArrayList<>();

    @Option(names = "--ceph-keyring", paramLabel = "PATH", description = "Keyring (default: from ceph.conf).")
    @Nullable
    Path cephKeyring;

    @Option(
            names = "--ceph-client",
            paramLabel = "NAME",
            defaultValue = "client.admin",
            description = "Ceph client name (default: ${DEFAULT-VALUE}).")
    String cephClient = "client.admin";

    @Option(
            names = "--demo",
            description = "Monitor a simulated cluster (192 OSDs on 24 hosts) instead of real ones; needs no Ceph.")
    boolean demo;

    @Option(
            names = "--demo-size",
            paramLabel = "SIZE",
            description = "With --demo: the simulated cluster's size as key=value pairs, e.g."
                    + " hosts=1000,osds-per-host=10,pgs=1000000 (keys: racks, hosts, osds-per-host, pools, pgs,"
                    + " mons, seed; default: racks=4,hosts=24,osds-per-host=8,pools=6,pgs=6144,mons=3,seed=1).")
    @Nullable
    String demoSize;

    @Option(
            names = "--session-idle-timeout",
            paramLabel = "DURATION",
            defaultValue = "1h",
            converter = DurationConverter.class,
            description = "Log users out after this long without a request (default: ${DEFAULT-VALUE}).")
    Duration sessionIdleTimeout = Duration.ofHours(1);

    @Option(
            names = "--request-timeout",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description = "Fail a management request that has not completed after this long (default:"
                    + " ${DEFAULT-VALUE}).")
    Duration requestTimeout = ServerConfig.DEFAULT_REQUEST_TIMEOUT;

    @Option(
            names = "--event-retention",
            paramLabel = "DURATION",
            defaultValue = "90d",
            converter = DurationConverter.class,
            description = "Delete events older than this (default: ${DEFAULT-VALUE}).")
    Duration eventRetention = Retention.DEFAULT_EVENTS;

    @Option(
            names = "--audit-retention",
            paramLabel = "DURATION",
            defaultValue = "365d",
            converter = DurationConverter.class,
            description = "Delete audit-log entries older than this (default: ${DEFAULT-VALUE}).")
    Duration auditRetention = Retention.DEFAULT_AUDIT;

    @Option(
            names = "--request-retention",
            paramLabel = "DURATION",
            defaultValue = "90d",
            converter = DurationConverter.class,
            description = "Delete finished management requests older than this (default: ${DEFAULT-VALUE}).")
    Duration requestRetention = Retention.DEFAULT_REQUESTS;

    @Option(
            names = "--carbon-port",
            paramLabel = "PORT",
            defaultValue = "2003",
            description = "Carbon plaintext (line) listener port on the --bind address, 'off' for none"
                    + " (default: ${DEFAULT-VALUE}).")
    String carbonPort = "2003";

    @Option(
            names = "--carbon-pickle-port",
            paramLabel = "PORT",
            defaultValue = "2004",
            description = "Carbon pickle listener port on the --bind address, 'off' for none (default:"
                    + " ${DEFAULT-VALUE}).")
    String carbonPicklePort = "2004";

    @Option(
            names = "--carbon-max-connections",
            paramLabel = "COUNT",
            defaultValue = "1024",
            description = "Carbon connections per listener; more wait to be accepted (default: ${DEFAULT-VALUE}).")
    int carbonMaxConnections = CarbonConfig.DEFAULT_MAX_CONNECTIONS;

    @Option(
            names = "--carbon-max-frame-bytes",
            paramLabel = "BYTES",
            defaultValue = "1048576",
            description = "Largest pickle frame; a larger one closes the connection (default: ${DEFAULT-VALUE}).")
    int carbonMaxFrameBytes = CarbonConfig.DEFAULT_MAX_FRAME_LENGTH;

    @Option(
            names = "--carbon-idle-timeout",
            paramLabel = "DURATION",
            defaultValue = "0s",
            converter = DurationConverter.class,
            description = "Close a carbon connection silent for this long; 0s for never (default: ${DEFAULT-VALUE}).")
    Duration carbonIdleTimeout = Duration.ZERO;

    @Option(
            names = "--metrics-sync-interval",
            paramLabel = "DURATION",
            defaultValue = "1s",
            converter = DurationConverter.class,
            description = "Sync the metric store's write-ahead log this often: the most a lost machine loses"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration metricsSyncInterval = ServerConfig.DEFAULT_METRICS_SYNC_INTERVAL;

    @Spec
    @Nullable
    CommandSpec spec;

    public static void main(String[] args) {
        int exitCode = CommandLines.execute(
                new ServerMain(),
                args,
                System.getenv(),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = config();
        CalamariServer server = CalamariServer.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log.info("stopping");
                            server.close();
                            stopped.countDown();
                        },
                        "shutdown"));
        stopped.await();
        return 0;
    }

    /** Checks the options and resolves them; bad values are usage errors (exit 2). */
    ServerConfig config() {
        if (httpPort < 0 || httpPort > 65535) {
            throw usage("--http-port must be between 0 and 65535, got " + httpPort);
        }
        if (demo && !cephConfFiles.isEmpty()) {
            throw usage("--demo monitors a simulated cluster: leave out --ceph-conf");
        }
        if (demoSize != null && !demo) {
            throw usage("--demo-size sizes the simulated cluster of --demo: give --demo too");
        }
        Optional<SimulatorSpec> demoSpec = Optional.empty();
        if (demo) {
            try {
                demoSpec = Optional.of(
                        demoSize == null ? DemoCluster.SPEC : SimulatorSpec.parse(demoSize, DemoCluster.SPEC));
            } catch (IllegalArgumentException e) {
                throw usage("--demo-size: " + e.getMessage());
            }
        }
        if (sessionIdleTimeout.isNegative() || sessionIdleTimeout.isZero()) {
            throw usage("--session-idle-timeout must be positive");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw usage("--request-timeout must be positive");
        }
        requirePositive("--event-retention", eventRetention);
        requirePositive("--audit-retention", auditRetention);
        requirePositive("--request-retention", requestRetention);
        requirePositive("--metrics-sync-interval", metricsSyncInterval);
        List<CephClusterConfig> clusters = new ArrayList<>();
        for (Path confFile : cephConfFiles) {
            if (!Files.isReadable(confFile)) {
                throw usage("--ceph-conf: cannot read " + confFile);
            }
            clusters.add(new CephClusterConfig(confFile, Optional.ofNullable(cephKeyring), cephClient));
        }
        if (cephKeyring != null && !Files.isReadable(cephKeyring)) {
            throw usage("--ceph-keyring: cannot read " + cephKeyring);
        }
        if (clusters.isEmpty() && !demo && Files.isReadable(defaultCephConf)) {
            log.info("no --ceph-conf given: monitoring the local cluster of {}", defaultCephConf);
            clusters.add(new CephClusterConfig(defaultCephConf, Optional.ofNullable(cephKeyring), cephClient));
        }
        try {
            return new ServerConfig(
                    storage.dataDirectory(),
                    bindAddress,
                    httpPort,
                    storage.database(),
                    clusters,
                    sessionIdleTimeout,
                    requestTimeout,
                    new Retention(eventRetention, auditRetention, requestRetention),
                    demoSpec,
                    carbon(),
                    metricsSyncInterval);
        } catch (UsageException e) {
            throw usage(String.valueOf(e.getMessage()));
        }
    }

    private CarbonConfig carbon() {
        if (carbonMaxConnections < 1) {
            throw usage("--carbon-max-connections must be positive, got " + carbonMaxConnections);
        }
        if (carbonMaxFrameBytes < 1) {
            throw usage("--carbon-max-frame-bytes must be positive, got " + carbonMaxFrameBytes);
        }
        if (carbonIdleTimeout.isNegative()) {
            throw usage("--carbon-idle-timeout must not be negative");
        }
        return new CarbonConfig(
                port("--carbon-port", carbonPort),
                port("--carbon-pickle-port", carbonPicklePort),
                carbonMaxConnections,
                carbonMaxFrameBytes,
                carbonIdleTimeout);
    }

    /** A listener port: 0 to 65535, or 'off' for no listener. */
    private OptionalInt port(String option, String value) {
        if (value.strip().equalsIgnoreCase("off")) {
            return OptionalInt.empty();
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65535) {
                return OptionalInt.of(port);
            }
        } catch (NumberFormatException e) {
            // reported below like an out-of-range number
        }
        throw usage(option + " must be 'off' or between 0 and 65535, got '" + value + "'");
    }

    private void requirePositive(String option, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw usage(option + " must be positive");
        }
    }

    private ParameterException usage(String message) {
        if (spec == null) {
            throw new IllegalStateException(message);
        }
        return new ParameterException(spec.commandLine(), message);
    }

    /** Prints the server version for {@code --version}. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"calamari " + CalamariVersion.current()};
        }
    }
}
