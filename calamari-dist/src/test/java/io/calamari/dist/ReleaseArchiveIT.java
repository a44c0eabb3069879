package io.calamari.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as an operator gets it: unpacked from the tar.gz, run with {@code bin/calamari}
 * and nothing from the build on the class path.
 */
class ReleaseArchiveIT {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    static Path unpacked;

    private static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            archive = files.filter(file -> file.getFileName().toString().matches("calamari-.*\\.tar\\.gz"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no release archive in target/"));
        }
        Result tar = run(List.of("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", unpacked.toString()));
        assertThat(tar.exitCode()).as(tar.output()).isZero();
        try (Stream<Path> dirs = Files.list(unpacked)) {
            home = dirs.findFirst().orElseThrow();
        }
    }

    @Test
    void archiveHoldsLaunchersLibrariesAndExampleConfiguration() throws IOException {
        assertThat(home.resolve("bin/calamari")).isExecutable();
        assertThat(home.resolve("conf/calamari.conf")).content().contains("# data-dir =", "CALAMARI_");
        assertThat(home.resolve("conf/logback.xml")).exists();
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            assertThat(jars.map(jar -> jar.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("calamari-server-"))
                    .anyMatch(name -> name.startsWith("javalin-"))
                    .noneMatch(name -> name.startsWith("junit-"));
        }
    }

    @Test
    void badUsageExitsTwoWithAClearMessage() throws Exception {
        assertThat(launch("--help").exitCode()).isZero();
        Result unknownCommand = launch("frobnicate");
        assertThat(unknownCommand.exitCode()).isEqualTo(2);
        assertThat(unknownCommand.output()).contains("unknown command 'frobnicate'");
        assertThat(launch("agent").exitCode()).isEqualTo(2);
        Result unknownOption = launch("server", "--no-such-option");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.output()).contains("--no-such-option");
        Result badPort = launch("server", "--http-port", "seventy");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.output()).contains("--http-port");
    }

    @Test
    void ctlInitializesAndTheServerStartsServesAndStops(@TempDir Path data) throws Exception {
        Result initialize = launch(
                "ctl",
                "initialize",
                "--data-dir",
                data.toString(),
                "--admin-username",
                "boss",
                "--admin-password",
                "boss-password");
        assertThat(initialize.exitCode()).as(initialize.output()).isZero();
        assertThat(initialize.output()).contains("Created superuser 'boss'");
        assertThat(launch("ctl", "initialize", "--data-dir", data.toString()).exitCode())
                .as("safe to run twice")
                .isZero();

        long started = System.nanoTime();
        Process server = new ProcessBuilder(
                        home.resolve("bin/calamari").toString(),
                        "server",
                        "--data-dir",
                        data.toString(),
                        "--http-port",
                        "0")
                .redirectErrorStream(true)
                .start();
        try {
            int port = awaitPort(server);
            HttpClient http = HttpClient.newHttpClient();
            URI readyz = URI.create("http://127.0.0.1:" + port + "/readyz");
            int status = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (status != 200 && System.nanoTime() < deadline) {
                status = http.send(HttpRequest.newBuilder(readyz).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            }
            assertThat(status).isEqualTo(200);
            System.out.printf("release archive: server ready after %d ms%n", (System.nanoTime() - started) / 1_000_000);

            HttpResponse<String> login = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/auth/login"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"username\": \"boss\", \"password\": \"boss-password\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(data.resolve("initial-admin-password"))
                    .as("users existed, so no admin was made")
                    .doesNotExist();
        } finally {
            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS))
                    .as("stops on SIGTERM")
                    .isTrue();
        }
    }

    /** Reads the server's output until it says where it listens; fails with the output so far. */
    private static int awaitPort(Process server) throws Exception {
        StringBuffer seen = new StringBuffer();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    seen.append(line).append('\n');
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        port.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
                port.completeExceptionally(new IllegalStateException("server exited before listening"));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            return port.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("server did not say where it listens; its output:\n" + seen, e);
        }
    }

    private Result launch(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/calamari").toString());
        command.addAll(List.of(arguments));
        return run(command);
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), output);
    }
}
