package io.calamari.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs external commands with a time limit, failing loudly with the command's output.
 *
 * <p>Output goes to a temporary file rather than a pipe, so a daemon the command leaves behind (such as the server
 * {@code pg_ctl start} launches) cannot keep the caller waiting. Stateless and thread-safe.
 */
final class Commands {
    private static final Duration KILL_GRACE = Duration.ofSeconds(10);
    private static final File NULL_DEVICE = new File("/dev/null");

    private Commands() {}

    /**
     * Runs {@code command} and returns its combined standard output and error.
     *
     * @param directory the working directory, or {@code null} to inherit the JVM's
     * @throws IllegalStateException if the command cannot start, exits non-zero or outlives {@code timeout}; the
     *     message holds the command line and its output
     */
    static String run(List<String> command, @Nullable Path directory, Duration timeout) {
        return run(command, directory, timeout, false);
    }

    /**
     * Runs {@code command} and returns only its standard output, such as a JSON document, keeping the standard error
     * for the failure message.
     *
     * @throws IllegalStateException as {@link #run(List, Path, Duration)}, with both outputs in the message
     */
    static String runForOutput(List<String> command, @Nullable Path directory, Duration timeout) {
        return run(command, directory, timeout, true);
    }

    private static String run(
            List<String> command, @Nullable Path directory, Duration timeout, boolean separateErrors) {
        String commandLine = String.join(" ", command);
        Path output = createOutputFile();
        Path errors = separateErrors ? createOutputFile() : output;
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectOutput(output.toFile()).redirectInput(NULL_DEVICE);
            if (separateErrors) {
                builder.redirectError(errors.toFile());
            } else {
                builder.redirectErrorStream(true);
            }
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                throw new IllegalStateException("Command timed out after " + timeout.toSeconds() + " s: " + commandLine
                        + "\n" + describe(output, errors, separateErrors));
            }
            String text = read(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Command failed with exit code " + process.exitValue() + ": "
                        + commandLine + "\n" + describe(output, errors, separateErrors));
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("Could not run command: " + commandLine, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running command: " + commandLine, e);
        } finally {
            deleteQuietly(output);
            deleteQuietly(errors);
        }
    }

    private static String describe(Path output, Path errors, boolean separateErrors) throws IOException {
        if (!separateErrors) {
            return read(output);
        }
        return "stderr: " + read(errors) + "\nstdout: " + read(output);
    }

    private static Path createOutputFile() {
        try {
            return Files.createTempFile("calamari-command-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a file for command output", e);
        }
    }

    private static String read(Path output) throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8).strip();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
