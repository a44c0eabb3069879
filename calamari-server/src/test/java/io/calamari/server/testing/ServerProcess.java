package io.calamari.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server in a JVM of its own, started as {@code calamari server} would start it (from the test
 * class path), so that a test can kill it with SIGKILL and start it again on the same data
 * directory. Its output is kept for failure messages.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    /** INFO to the console, so that the "listening on" line shows (the tests' own logging is quieter). */
    private static final String LOGGING = "<configuration><appender name=\"OUT\""
            + " class=\"ch.qos.logback.core.ConsoleAppender\"><encoder><pattern>%d{HH:mm:ss.SSS} %-5level"
            + " [%thread] %logger{20} - %msg%n</pattern></encoder></appender><root level=\"INFO\">"
            + "<appender-ref ref=\"OUT\"/></root></configuration>";

    private final Process process;
    private final Path dataDirectory;
    private final StringBuffer output = new StringBuffer();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private ServerProcess(Process process, Path dataDirectory) {
        this.process = process;
        this.dataDirectory = dataDirectory;
        Thread reader = new Thread(this::readOutput, "server-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code calamari server --data-dir dataDirectory --http-port 0 arguments...}; returns once it is ready. */
    public static ServerProcess start(Path dataDirectory, String... arguments) throws Exception {
        Path logging = Files.createTempFile("calamari-process-logback", ".xml");
        Files.writeString(logging, LOGGING);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + logging,
                "-cp",
                System.getProperty("java.class.path"),
                "io.calamari.server.ServerMain",
                "--data-dir",
                dataDirectory.toString(),
                "--http-port",
                "0"));
        command.addAll(List.of(arguments));
        ServerProcess server = new ServerProcess(
                new ProcessBuilder(command).redirectErrorStream(true).start(), dataDirectory);
        try {
            server.port.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            server.kill();
            throw new AssertionError("the server did not start listening:\n" + server.output(), e);
        }
        ApiClient anonymous = new ApiClient(server.uri());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (anonymous.get("/readyz").status() != 200) {
            if (System.nanoTime() > deadline) {
                server.kill();
                throw new AssertionError("the server did not become ready:\n" + server.output());
            }
            Thread.sleep(50);
        }
        return server;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port.join());
    }

    /** A client logged in as the initial admin (whose password the first start wrote to the data directory). */
    public ApiClient admin() throws IOException {
        String password = Files.readString(dataDirectory.resolve("initial-admin-password"))
                .trim();
        return new ApiClient(uri()).login(TestServer.ADMIN, password);
    }

    /** Kills the JVM with SIGKILL: no shutdown hook, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String output() {
        return output.toString();
    }

    private void readOutput() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    port.complete(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        port.completeExceptionally(new IllegalStateException("the server exited:\n" + output));
    }

    /** Stops the server with SIGTERM, as an operator would. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
