package io.calamari.server.testing;

import io.calamari.server.CalamariServer;
import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.config.CarbonConfig;
import io.calamari.server.config.ServerConfig;
import io.calamari.server.db.DatabaseConfig;
import io.calamari.server.http.RouteGroup;
import io.calamari.testkit.MutableClock;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A real Calamari server for API tests: embedded defaults in a temporary data directory (or the
 * given database), any free port, a clock the test moves, and the initial admin's password.
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN = "admin";

    private final CalamariServer server;
    private final Clock clock;
    private final Path dataDirectory;

    private TestServer(ServerConfig config, MutableClock clock, List<RouteGroup> extraRoutes)
            throws InterruptedException {
        this(config, clock, new FakeClusterDirectory(), extraRoutes);
    }

    private TestServer(ServerConfig config, Clock clock, ClusterDirectory clusters, List<RouteGroup> extraRoutes)
            throws InterruptedException {
        this.clock = clock;
        this.dataDirectory = config.dataDirectory();
        this.server = CalamariServer.start(config, clock, clusters, extraRoutes);
        if (!server.awaitReady(Duration.ofSeconds(60))) {
            server.close();
            throw new IllegalStateException("test server did not become ready");
        }
    }

    public static TestServer start() throws Exception {
        Path dataDirectory = Files.createTempDirectory("calamari-test");
        return new TestServer(ServerConfig.defaults(dataDirectory, 0), MutableClock.atFixedStart(), List.of());
    }

    public static TestServer start(DatabaseConfig database) throws Exception {
        Path dataDirectory = Files.createTempDirectory("calamari-test");
        return new TestServer(
                ServerConfig.defaults(dataDirectory, 0).withDatabase(database), MutableClock.atFixedStart(), List.of());
    }

    /** A server reading clusters from {@code clusters}, e.g. a {@link FakeClusterDirectory} of fixtures. */
    public static TestServer start(ClusterDirectory clusters) throws Exception {
        Path dataDirectory = Files.createTempDirectory("calamari-test");
        return new TestServer(
                ServerConfig.defaults(dataDirectory, 0), MutableClock.atFixedStart(), clusters, List.of());
    }

    /**
     * A server on the real clock over real clusters, with this data directory (give the same one
     * again to restart "the same" server) and request timeout.
     */
    public static TestServer startOnRealClock(ClusterDirectory clusters, Path dataDirectory, Duration requestTimeout)
            throws Exception {
        ServerConfig defaults = ServerConfig.defaults(dataDirectory, 0);
        ServerConfig config = new ServerConfig(
                defaults.dataDirectory(),
                defaults.bindAddress(),
                defaults.httpPort(),
                defaults.database(),
                defaults.cephClusters(),
                defaults.sessionIdleTimeout(),
                requestTimeout,
                defaults.retention(),
                defaults.demo(),
                defaults.carbon(),
                defaults.metricsSyncInterval());
        return new TestServer(config, Clock.systemUTC(), clusters, List.of());
    }

    /** A server over fixture clusters with both carbon listeners on free ports. */
    public static TestServer startWithCarbon(ClusterDirectory clusters) throws Exception {
        Path dataDirectory = Files.createTempDirectory("calamari-test");
        return new TestServer(
                ServerConfig.defaults(dataDirectory, 0).withCarbon(CarbonConfig.anyFreePorts()),
                MutableClock.atFixedStart(),
                clusters,
                List.of());
    }

    /** A server on the real clock (senders stamp points with it) with both carbon listeners on free ports. */
    public static TestServer startWithCarbonOnRealClock() throws Exception {
        Path dataDirectory = Files.createTempDirectory("calamari-test");
        return new TestServer(
                ServerConfig.defaults(dataDirectory, 0).withCarbon(CarbonConfig.anyFreePorts()),
                Clock.systemUTC(),
                new FakeClusterDirectory(),
                List.of());
    }

    /** A server with extra routes, e.g. to probe the security gate with every kind of access. */
    public static TestServer start(List<RouteGroup> extraRoutes) throws Exception {
        Path dataDirectory = Files.createTempDirectory("calamari-test");
        return new TestServer(ServerConfig.defaults(dataDirectory, 0), MutableClock.atFixedStart(), extraRoutes);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public ApiClient anonymous() {
        return new ApiClient(uri());
    }

    public ApiClient admin() {
        return anonymous().login(ADMIN, adminPassword());
    }

    /** Creates a user with this role through the API and returns a client logged in as them. */
    public ApiClient userWithRole(String username, String role) {
        String password = username + "-password";
        ApiResponse created = admin().post(
                        "/api/v2/user",
                        "{\"username\": \"" + username + "\", \"password\": \"" + password + "\", \"role\": \"" + role
                                + "\"}");
        if (created.status() != 201) {
            throw new AssertionError("could not create " + username + ": " + created);
        }
        return anonymous().login(username, password);
    }

    public String adminPassword() {
        try {
            return Files.readString(dataDirectory.resolve("initial-admin-password"))
                    .strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The clock the test moves; only for servers started on a {@link MutableClock}. */
    public MutableClock clock() {
        if (!(clock instanceof MutableClock mutable)) {
            throw new IllegalStateException("this test server runs on the real clock");
        }
        return mutable;
    }

    public CalamariServer server() {
        return server;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        server.close();
    }
}
