package io.calamari.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private, real Ceph cluster for tests: one monitor, one manager and N OSDs on H pretend hosts.
 *
 * <p>The cluster lives in a fresh temporary directory with its own {@code ceph.conf} and admin keyring, its monitor
 * listens on 127.0.0.1 at a free port (messenger v2, cephx on), and its OSDs keep their data in memory (memstore),
 * so nothing touches disks or a system Ceph. OSD {@code i} sits on CRUSH host {@code node(i % H)}. The daemons are
 * started and stopped by {@code ceph-cluster.sh}, a script in this package that is copied into the directory;
 * {@link #start} returns once every OSD is up and the manager is available.
 *
 * <p>Tests use {@link #shared()}, one three-OSD, three-host cluster per JVM stopped by a shutdown hook. A test that
 * stops daemons must start them again before it ends. When the Ceph binaries are missing or the cluster does not
 * start, {@link #shared()} throws rather than letting tests skip.
 *
 * <p>Thread-safety: the accessors and {@link #ceph} may be called from any thread; the daemon controls
 * ({@link #stopMon()}, {@link #startOsd(int)}...) are synchronized; {@link #shared()} is synchronized.
 */
public final class CephCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CephCluster.class);

    private static final String MISSING_BINARIES = "Ceph binaries not found (%s). Install them with: apt-get install"
            + " -y ceph-mon ceph-osd ceph-mgr ceph-common (or run ./calamari test, which installs test dependencies)";
    private static final List<String> BINARIES =
            List.of("ceph-mon", "ceph-mgr", "ceph-osd", "ceph", "ceph-authtool", "monmaptool");
    private static final String SCRIPT = "ceph-cluster.sh";
    private static final Pattern FSID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
    private static final int SHARED_OSDS = 3;
    private static final int SHARED_HOSTS = 3;
    private static final int START_ATTEMPTS = 2;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    private static final Duration DAEMON_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(30);
    private static final String CLI_CONNECT_TIMEOUT_SECONDS = "20";

    private static @Nullable CephCluster shared;

    private final Path directory;
    private final Path script;
    private final int port;
    private final int osds;
    private final String fsid;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CephCluster(Path directory, Path script, int port, int osds, String fsid) {
        this.directory = directory;
        this.script = script;
        this.port = port;
        this.osds = osds;
        this.fsid = fsid;
    }

    /**
     * Returns this JVM's cluster (3 OSDs on 3 hosts), starting it on first use; a shutdown hook stops it and deletes
     * its files.
     *
     * @throws IllegalStateException if the Ceph binaries are missing or the cluster does not start
     */
    public static synchronized CephCluster shared() {
        CephCluster cluster = shared;
        if (cluster == null) {
            cluster = start(SHARED_OSDS, SHARED_HOSTS);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "ceph-cluster-stop"));
            shared = cluster;
        }
        return cluster;
    }

    /**
     * Starts a new cluster with {@code osds} OSDs spread round-robin over {@code hosts} CRUSH hosts; the caller
     * closes it.
     *
     * @throws IllegalStateException if the Ceph binaries are missing or the cluster does not start in time
     */
    public static CephCluster start(int osds, int hosts) {
        if (osds < 1 || hosts < 1) {
            throw new IllegalArgumentException("need at least one OSD and one host, got " + osds + " and " + hosts);
        }
        requireBinaries();
        List<IllegalStateException> failures = new ArrayList<>();
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce(osds, hosts);
            } catch (IllegalStateException e) {
                failures.add(e);
                LOG.warn("Ceph cluster start attempt {} failed: {}", attempt, e.getMessage());
            }
        }
        IllegalStateException failure = failures.get(failures.size() - 1);
        failures.subList(0, failures.size() - 1).forEach(failure::addSuppressed);
        throw failure;
    }

    /** Returns the cluster's {@code ceph.conf}, which names the admin keyring too. */
    public Path confFile() {
        return directory.resolve("ceph.conf");
    }

    /** Returns the keyring holding the {@code client.admin} key (with all capabilities). */
    public Path keyring() {
        return directory.resolve("keyring");
    }

    public String fsid() {
        return fsid;
    }

    /** Returns the monitor's port on 127.0.0.1. */
    public int monPort() {
        return port;
    }

    public int osdCount() {
        return osds;
    }

    /** Returns the directory holding configuration, daemon data and logs ({@code log/}). */
    public Path directory() {
        return directory;
    }

    /**
     * Runs the {@code ceph} CLI against this cluster as {@code client.admin}, for example {@code ceph("osd", "tree",
     * "-f", "json")}, and returns its standard output.
     *
     * @throws IllegalStateException with the standard error when the command fails or takes over 30 s
     */
    public String ceph(String... arguments) {
        List<String> command = new ArrayList<>(
                List.of("ceph", "-c", confFile().toString(), "--connect-timeout", CLI_CONNECT_TIMEOUT_SECONDS));
        command.addAll(List.of(arguments));
        return Commands.runForOutput(command, directory, CLI_TIMEOUT);
    }

    /** Stops the monitor (SIGTERM, then SIGKILL after 15 s); every client call then hangs until it is back. */
    public synchronized void stopMon() {
        runScript(DAEMON_TIMEOUT, "stop-daemon", directory.toString(), "mon.a");
    }

    /** Starts the monitor again and waits until it answers. */
    public synchronized void startMon() {
        runScript(DAEMON_TIMEOUT, "start-mon", directory.toString());
    }

    /** Stops {@code osd.<id>} cleanly; the monitor marks it down a few seconds later. */
    public synchronized void stopOsd(int id) {
        runScript(DAEMON_TIMEOUT, "stop-daemon", directory.toString(), "osd." + requireOsd(id));
    }

    /** Starts {@code osd.<id>} again on its host and waits until the monitor reports it up. */
    public synchronized void startOsd(int id) {
        runScript(DAEMON_TIMEOUT, "start-osd", directory.toString(), Integer.toString(requireOsd(id)));
    }

    /** Where a cluster's Ceph Dashboard listens and how to log in to it (see {@link #enableDashboard()}). */
    public record Dashboard(URI uri, String username, String password) {
        public Dashboard {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }
    }

    /**
     * Opt-in: enables the manager's Ceph Dashboard (Debian package {@code ceph-mgr-dashboard}) over plain http on a
     * free loopback port, with the administrator {@code admin}, and returns once a login works. Clusters that never
     * call it run without the Dashboard, as before. For comparing the server with the Dashboard.
     *
     * @throws IllegalStateException if the Dashboard is not installed or does not start
     */
    public synchronized Dashboard enableDashboard() {
        try {
            int dashboardPort = freePort();
            runScript(DAEMON_TIMEOUT, "dashboard", directory.toString(), Integer.toString(dashboardPort));
            String password = Files.readString(directory.resolve("dashboard-password"));
            return new Dashboard(URI.create("http://127.0.0.1:" + dashboardPort), "admin", password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every daemon and deletes the cluster's directory. Safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            runScript(DAEMON_TIMEOUT, "stop", directory.toString());
        } catch (IllegalStateException e) {
            LOG.warn("Could not stop the Ceph cluster in {}: {}", directory, e.getMessage());
        }
        deleteRecursively(directory);
    }

    private static CephCluster startOnce(int osds, int hosts) {
        long startNanos = System.nanoTime();
        Path directory = createDirectory();
        Path script = directory.resolve(SCRIPT);
        int port = 0;
        try {
            copyScript(script);
            port = freePort();
            String output = Commands.runForOutput(
                    List.of(
                            "bash",
                            script.toString(),
                            "start",
                            directory.toString(),
                            Integer.toString(port),
                            Integer.toString(osds),
                            Integer.toString(hosts)),
                    directory,
                    START_TIMEOUT);
            String fsid = lastLine(output);
            if (!FSID.matcher(fsid).matches()) {
                throw new IllegalStateException("ceph-cluster.sh printed no fsid: " + output);
            }
            LOG.info(
                    "Ceph cluster {} with {} OSDs on {} hosts started on 127.0.0.1:{} in {} ms (files in {})",
                    fsid,
                    osds,
                    hosts,
                    port,
                    Duration.ofNanos(System.nanoTime() - startNanos).toMillis(),
                    directory);
            return new CephCluster(directory, script, port, osds, fsid);
        } catch (IOException | RuntimeException e) {
            String logs = recentLogs(directory);
            stopQuietly(script, directory);
            deleteRecursively(directory);
            throw new IllegalStateException(
                    "Could not start a private Ceph cluster on port " + port + ": " + e.getMessage() + logs, e);
        }
    }

    private String runScript(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(arguments));
        return Commands.run(command, directory, timeout);
    }

    private int requireOsd(int id) {
        if (id < 0 || id >= osds) {
            throw new IllegalArgumentException("no osd." + id + " in a cluster of " + osds + " OSDs");
        }
        return id;
    }

    private static void requireBinaries() {
        List<String> missing =
                BINARIES.stream().filter(binary -> !onPath(binary)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(String.format(MISSING_BINARIES, String.join(", ", missing)));
        }
    }

    private static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        return Stream.concat(
                        path == null ? Stream.empty() : Stream.of(path.split(Pattern.quote(File.pathSeparator))),
                        Stream.of("/usr/bin", "/usr/sbin", "/bin"))
                .filter(entry -> !entry.isEmpty())
                .anyMatch(entry -> Files.isExecutable(Path.of(entry, binary)));
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("calamari-ceph-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for Ceph", e);
        }
    }

    private static void copyScript(Path target) throws IOException {
        try (InputStream script = CephCluster.class.getResourceAsStream(SCRIPT)) {
            if (script == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the class path next to CephCluster");
            }
            Files.copy(script, target);
        }
    }

    /** Finds a port free on 127.0.0.1 by binding it; another process may still take it before the monitor does. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            return socket.getLocalPort();
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private static void stopQuietly(Path script, Path directory) {
        if (!Files.exists(script)) {
            return;
        }
        try {
            Commands.run(List.of("bash", script.toString(), "stop", directory.toString()), directory, DAEMON_TIMEOUT);
        } catch (IllegalStateException e) {
            LOG.warn("Could not stop the Ceph daemons in {}: {}", directory, e.getMessage());
        }
    }

    /** Returns the tail of each daemon log, so that a failed start explains itself after its files are deleted. */
    private static String recentLogs(Path directory) {
        Path logs = directory.resolve("log");
        if (!Files.isDirectory(logs)) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : (Iterable<Path>) files.sorted()::iterator) {
                List<String> lines = Files.readAllLines(log);
                text.append("\n--- ").append(log.getFileName()).append(" (last lines) ---\n");
                text.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            }
        } catch (IOException | UncheckedIOException e) {
            text.append("\n(logs unreadable: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}: {}", directory, e.getMessage());
        }
    }
}
