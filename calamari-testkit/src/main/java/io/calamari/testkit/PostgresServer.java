package io.calamari.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private PostgreSQL server for tests, run from the locally installed server binaries.
 *
 * <p>The server lives in a fresh temporary directory, listens only on 127.0.0.1 at a free port, trusts every
 * connection as the superuser {@code calamari}, and (except from {@link #startDurable()}) trades durability for speed (no fsync). It never touches a
 * system PostgreSQL service. PostgreSQL refuses to run as root, so when the JVM is root every server command runs
 * as the {@code postgres} OS user through {@code runuser}, and that user is created if missing.
 *
 * <p>Tests use {@link #shared()}, one server per JVM stopped by a shutdown hook, and isolate themselves by taking a
 * fresh empty database from {@link #createDatabase()}. When the binaries are missing or the server cannot start,
 * {@link #shared()} throws rather than letting tests skip.
 *
 * <p>Thread-safety: an instance is immutable once started and all its methods may be called from any thread;
 * {@link #shared()} is synchronized.
 */
public final class PostgresServer {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);

    private static final String MISSING_BINARIES = "PostgreSQL server binaries not found (initdb/pg_ctl). Install"
            + " them with: apt-get install -y postgresql (or run ./calamari test, which installs test dependencies)";
    private static final Path VERSIONED_INSTALLS = Path.of("/usr/lib/postgresql");
    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");
    private static final Pattern DOT = Pattern.compile("\\.");
    private static final String SUPERUSER = "calamari";
    private static final String OS_USER = "postgres";
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final int SERVER_WAIT_SECONDS = 60;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(SERVER_WAIT_SECONDS + 30);
    private static final int START_ATTEMPTS = 3;

    private static @Nullable PostgresServer shared;

    private final Binaries binaries;
    private final @Nullable String osUser;
    private final Path baseDirectory;
    private final Path dataDirectory;
    private final int port;
    private final AtomicInteger databaseSequence = new AtomicInteger();

    private PostgresServer(
            Binaries binaries, @Nullable String osUser, Path baseDirectory, Path dataDirectory, int port) {
        this.binaries = binaries;
        this.osUser = osUser;
        this.baseDirectory = baseDirectory;
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /**
     * Returns this JVM's server, starting it on first use; a shutdown hook stops it and deletes its files.
     *
     * @throws IllegalStateException if the PostgreSQL binaries are missing or the server does not start
     */
    public static synchronized PostgresServer shared() {
        PostgresServer server = shared;
        if (server == null) {
            server = start(false);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-server-stop"));
            shared = server;
        }
        return server;
    }

    /**
     * Starts a server of the caller's own that commits durably (PostgreSQL's defaults: fsync, synchronous
     * commit, full-page writes), for benchmarks whose figures must hold for a production setup. The caller
     * stops it with {@link #close()}.
     */
    public static PostgresServer startDurable() {
        return start(true);
    }

    /** Stops a server from {@link #startDurable()} and deletes its files. */
    public void close() {
        stop();
    }

    /** Returns the TCP port the server listens on at 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Returns the JDBC URL of {@code database} on this server, connecting as the trusted superuser. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + LOOPBACK + ":" + port + "/" + database + "?user=" + SUPERUSER;
    }

    /**
     * Creates a new, empty, uniquely named database and returns its JDBC URL.
     *
     * @throws IllegalStateException if the database cannot be created
     */
    public String createDatabase() {
        String name = "calamari_test_" + databaseSequence.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on port " + port, e);
        }
        return jdbcUrl(name);
    }

    private static PostgresServer start(boolean durable) {
        long startNanos = System.nanoTime();
        Binaries binaries = Binaries.locate();
        String osUser = runningAsRoot() ? OS_USER : null;
        Path baseDirectory = createBaseDirectory();
        try {
            Path dataDirectory = baseDirectory.resolve("data");
            Path socketDirectory = Files.createDirectory(baseDirectory.resolve("socket"));
            if (osUser != null) {
                giveTo(baseDirectory, osUser);
            }
            initialize(binaries, osUser, baseDirectory, dataDirectory);
            int port = launch(binaries, osUser, baseDirectory, dataDirectory, socketDirectory, durable);
            LOG.info(
                    "PostgreSQL from {} started on {}:{} in {} ms (data in {})",
                    binaries.directory(),
                    LOOPBACK,
                    port,
                    Duration.ofNanos(System.nanoTime() - startNanos).toMillis(),
                    dataDirectory);
            return new PostgresServer(binaries, osUser, baseDirectory, dataDirectory, port);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(baseDirectory);
            throw new IllegalStateException("Could not start a private PostgreSQL server: " + e.getMessage(), e);
        }
    }

    private static void initialize(Binaries binaries, @Nullable String osUser, Path directory, Path dataDirectory) {
        List<String> initdb = List.of(
                binaries.initdb().toString(),
                "-D",
                dataDirectory.toString(),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync");
        try {
            Commands.run(asUser(osUser, initdb, "--locale=C.UTF-8"), directory, COMMAND_TIMEOUT);
        } catch (IllegalStateException utf8Failure) {
            deleteRecursively(dataDirectory);
            try {
                Commands.run(asUser(osUser, initdb, "--locale=C"), directory, COMMAND_TIMEOUT);
            } catch (IllegalStateException plainFailure) {
                plainFailure.addSuppressed(utf8Failure);
                throw plainFailure;
            }
        }
    }

    private static int launch(
            Binaries binaries,
            @Nullable String osUser,
            Path directory,
            Path dataDirectory,
            Path socketDirectory,
            boolean durable)
            throws IOException {
        Path log = directory.resolve("log");
        List<IllegalStateException> failures = new ArrayList<>();
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            String options = "-p " + port + " -k " + socketDirectory + " -c listen_addresses=" + LOOPBACK
                    + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            List<String> pgCtl = List.of(
                    binaries.pgCtl().toString(),
                    "-D",
                    dataDirectory.toString(),
                    "-p",
                    binaries.postgres().toString(),
                    "-o",
                    options,
                    "-w",
                    "-t",
                    Integer.toString(SERVER_WAIT_SECONDS),
                    "-l",
                    log.toString(),
                    "start");
            try {
                Commands.run(asUser(osUser, pgCtl), directory, START_TIMEOUT);
                return port;
            } catch (IllegalStateException e) {
                stopQuietly(binaries, osUser, directory, dataDirectory);
                failures.add(new IllegalStateException(
                        "Attempt " + attempt + " on port " + port + " failed: " + e.getMessage() + "\nServer log:\n"
                                + readLog(log),
                        e));
            }
        }
        IllegalStateException failure = failures.get(failures.size() - 1);
        failures.subList(0, failures.size() - 1).forEach(failure::addSuppressed);
        throw failure;
    }

    private void stop() {
        stopQuietly(binaries, osUser, baseDirectory, dataDirectory);
        deleteRecursively(baseDirectory);
    }

    private static void stopQuietly(Binaries binaries, @Nullable String osUser, Path directory, Path dataDirectory) {
        List<String> pgCtl =
                List.of(binaries.pgCtl().toString(), "-D", dataDirectory.toString(), "stop", "-m", "immediate", "-w");
        try {
            Commands.run(asUser(osUser, pgCtl), directory, COMMAND_TIMEOUT);
        } catch (IllegalStateException e) {
            LOG.warn("Could not stop the PostgreSQL server in {}: {}", dataDirectory, e.getMessage());
        }
    }

    private static List<String> asUser(@Nullable String osUser, List<String> command, String... extraArguments) {
        List<String> full = new ArrayList<>();
        if (osUser != null) {
            full.addAll(List.of("runuser", "-u", osUser, "--"));
        }
        full.addAll(command);
        full.addAll(List.of(extraArguments));
        return full;
    }

    private static boolean runningAsRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        try {
            return Commands.run(List.of("id", "-u"), null, COMMAND_TIMEOUT).equals("0");
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static Path createBaseDirectory() {
        try {
            Path directory = Files.createTempDirectory("calamari-postgres-");
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for PostgreSQL", e);
        }
    }

    private static void giveTo(Path directory, String osUser) throws IOException {
        UserPrincipal owner = osUserPrincipal(directory, osUser);
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setOwner(path, owner);
            }
        }
    }

    private static UserPrincipal osUserPrincipal(Path directory, String osUser) throws IOException {
        var lookup = directory.getFileSystem().getUserPrincipalLookupService();
        try {
            return lookup.lookupPrincipalByName(osUser);
        } catch (UserPrincipalNotFoundException e) {
            LOG.info("Creating the {} OS user to run PostgreSQL, which refuses to run as root", osUser);
            Commands.run(
                    List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", osUser),
                    null,
                    COMMAND_TIMEOUT);
            return lookup.lookupPrincipalByName(osUser);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            return socket.getLocalPort();
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.isRegularFile(log) ? Files.readString(log).strip() : "(no log written)";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
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

    /** The PostgreSQL server programs, all from one installation directory. */
    private record Binaries(Path directory) {
        static Binaries locate() {
            return versionedInstall()
                    .or(Binaries::onPath)
                    .orElseThrow(() -> new IllegalStateException(MISSING_BINARIES));
        }

        Path initdb() {
            return directory.resolve("initdb");
        }

        Path pgCtl() {
            return directory.resolve("pg_ctl");
        }

        Path postgres() {
            return directory.resolve("postgres");
        }

        boolean complete() {
            return Files.isExecutable(initdb()) && Files.isExecutable(pgCtl()) && Files.isExecutable(postgres());
        }

        private static Optional<Binaries> versionedInstall() {
            if (!Files.isDirectory(VERSIONED_INSTALLS)) {
                return Optional.empty();
            }
            try (Stream<Path> versions = Files.list(VERSIONED_INSTALLS)) {
                return versions.filter(
                                version -> VERSION.matcher(version.getFileName().toString())
                                        .matches())
                        .map(version -> new Binaries(version.resolve("bin")))
                        .filter(Binaries::complete)
                        .max(Comparator.comparing(Binaries::version, Binaries::compareVersions));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not list " + VERSIONED_INSTALLS, e);
            }
        }

        private static Optional<Binaries> onPath() {
            String path = System.getenv("PATH");
            if (path == null) {
                return Optional.empty();
            }
            return Pattern.compile(Pattern.quote(File.pathSeparator))
                    .splitAsStream(path)
                    .filter(entry -> !entry.isEmpty())
                    .map(entry -> new Binaries(Path.of(entry)))
                    .filter(Binaries::complete)
                    .findFirst();
        }

        private String version() {
            Path parent = directory.getParent();
            return parent == null ? "" : String.valueOf(parent.getFileName());
        }

        private static int compareVersions(String left, String right) {
            int[] leftParts =
                    DOT.splitAsStream(left).mapToInt(Integer::parseInt).toArray();
            int[] rightParts =
                    DOT.splitAsStream(right).mapToInt(Integer::parseInt).toArray();
            return Arrays.compare(leftParts, rightParts);
        }
    }
}
