package io.calamari.server.cluster;

import static java.util.Objects.requireNonNull;

import io.calamari.simulator.Scenarios;
import io.calamari.simulator.SimulatedCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * How {@code calamari ctl demo} reaches the simulated cluster of a running {@code calamari server
 * --demo}: through files in {@code DATA_DIR/demo/scenarios}, so that it needs no login and no port,
 * only the data directory the server uses (decision 40). The client writes {@code ID.request}
 * (JSON: the scenario's name and arguments) and waits for {@code ID.reply} ({@code ok} and a
 * message); the server looks for requests every 200 ms and runs them in the order written. Both
 * sides write to a temporary name first and rename, so neither ever reads half a file.
 */
public final class DemoInbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoInbox.class);
    private static final String REQUEST = ".request";
    private static final String REPLY = ".reply";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A scenario to run: what {@code ctl demo} writes. */
    record Request(@Nullable String name, @Nullable List<String> arguments) {}

    /** The outcome: what the server writes back. */
    public record Reply(boolean ok, String message) {}

    private final Path directory;
    private final SimulatedCluster cluster;
    private final ScheduledExecutorService executor;

    private DemoInbox(Path directory, SimulatedCluster cluster) {
        this.directory = directory;
        this.cluster = cluster;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "demo-inbox");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The inbox of the demo server using {@code dataDirectory}. */
    public static Path directory(Path dataDirectory) {
        return dataDirectory.resolve("demo").resolve("scenarios");
    }

    /** Starts answering the requests written to {@code directory} (made empty first) with {@code cluster}. */
    static DemoInbox serve(Path directory, SimulatedCluster cluster) {
        try {
            Files.createDirectories(directory);
            for (Path stale : list(directory, "*")) {
                Files.deleteIfExists(stale);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the demo inbox " + directory, e);
        }
        DemoInbox inbox = new DemoInbox(directory, cluster);
        inbox.executor.scheduleWithFixedDelay(inbox::answerQuietly, 0, 200, TimeUnit.MILLISECONDS);
        return inbox;
    }

    /**
     * Asks the demo server using {@code dataDirectory} to run a scenario and waits for its reply.
     *
     * @throws IllegalStateException when no demo server answers within {@code timeout}
     */
    public static Reply submit(Path dataDirectory, String name, List<String> arguments, Duration timeout)
            throws InterruptedException {
        Path directory = directory(dataDirectory);
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException(notRunning(dataDirectory));
        }
        String id = System.currentTimeMillis() + "-" + UUID.randomUUID();
        Path request = directory.resolve(id + REQUEST);
        Path reply = directory.resolve(id + REPLY);
        write(request, JSON.writeValueAsBytes(new Request(name, arguments)));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (Files.exists(reply)) {
                    Reply answer = JSON.readValue(Files.readAllBytes(reply), Reply.class);
                    Files.deleteIfExists(reply);
                    return answer;
                }
                Thread.sleep(50);
            }
            Files.deleteIfExists(request);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo server's reply " + reply, e);
        }
        throw new IllegalStateException(notRunning(dataDirectory));
    }

    private static String notRunning(Path dataDirectory) {
        return "no demo server answered: start one with 'calamari server --demo --data-dir " + dataDirectory + "'";
    }

    private void answerQuietly() {
        try {
            for (Path request : list(directory, "*" + REQUEST)) {
                answer(request);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("demo inbox {}: {}", directory, e.toString());
        }
    }

    private void answer(Path request) throws IOException {
        String file = String.valueOf(request.getFileName());
        Path reply = directory.resolve(file.substring(0, file.length() - REQUEST.length()) + REPLY);
        Reply outcome;
        try {
            Request asked = JSON.readValue(Files.readAllBytes(request), Request.class);
            String name = asked.name();
            List<String> arguments = asked.arguments();
            if (name == null || arguments == null) {
                throw new IllegalArgumentException("malformed request " + file + ": name and arguments are required");
            }
            outcome = new Reply(true, Scenarios.run(cluster, name, List.copyOf(arguments)));
            log.info("demo scenario {} {}: {}", name, arguments, outcome.message());
        } catch (JacksonException e) {
            outcome = new Reply(false, "malformed request " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            outcome = new Reply(false, requireNonNull(e.getMessage()));
        }
        write(reply, JSON.writeValueAsBytes(outcome));
        Files.deleteIfExists(request);
    }

    private static List<Path> list(Path directory, String glob) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, glob)) {
            entries.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    private static void write(Path target, byte[] content) {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
