package io.calamari.server.crush;

import static java.util.Objects.requireNonNull;

import io.calamari.server.cluster.CompiledCrushMap;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@code crushtool}, as Calamari did: {@code -d} turns a compiled CRUSH map into Ceph's text
 * form, {@code -c} compiles a text map (and so validates it) before {@code osd setcrushmap}. The
 * tool comes with Debian's {@code ceph-base}; without it, both are a clear 503. Each run is bounded
 * by a timeout; the last few decompiled maps are cached (maps change rarely). Thread-safe.
 */
public final class CrushTool {
    static final String MISSING = "crushtool is not installed on the Calamari server (Debian package ceph-base), "
            + "so the CRUSH map cannot be shown as text";
    static final String MISSING_FOR_COMPILE = "crushtool is not installed on the Calamari server (Debian package"
            + " ceph-base), so a CRUSH map cannot be compiled";
    /** What crushtool's messages call the text it compiles, instead of the temporary file's path. */
    static final String SOURCE_NAME = "crushmap.txt";

    private static final int CACHE_SIZE = 8;

    private final Optional<Path> executable;
    private final Duration timeout;
    private final Map<CompiledCrushMap, String> cache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<CompiledCrushMap, String> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /** A text map crushtool refused to compile; {@link #problem()} is crushtool's own message. */
    public static final class InvalidMapException extends CalamariException {
        private static final long serialVersionUID = 1L;

        private final String problem;

        InvalidMapException(String problem) {
            super(ErrorCode.INVALID_ARGUMENT, "crushtool could not compile the CRUSH map: " + problem);
            this.problem = problem;
        }

        public String problem() {
            return problem;
        }
    }

    public CrushTool(Optional<Path> executable, Duration timeout) {
        this.executable = requireNonNull(executable, "executable");
        this.timeout = requireNonNull(timeout, "timeout");
    }

    /** The {@code crushtool} found on the PATH, if any. */
    public static CrushTool onPath() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        Optional<Path> found = Arrays.stream(path.split(File.pathSeparator))
                .map(directory -> Path.of(directory, "crushtool"))
                .filter(Files::isExecutable)
                .findFirst();
        return new CrushTool(found, Duration.ofSeconds(10));
    }

    public String decompile(CompiledCrushMap map) {
        synchronized (cache) {
            String cached = cache.get(map);
            if (cached != null) {
                return cached;
            }
        }
        Path tool = executable.orElseThrow(() -> unavailable(MISSING));
        Run run = run(tool, "-d", map.bytes(), "decompile");
        if (run.exitCode() != 0) {
            throw unavailable("crushtool could not decompile the CRUSH map (exit code " + run.exitCode() + ")");
        }
        String text = new String(run.output(), StandardCharsets.UTF_8);
        synchronized (cache) {
            cache.put(map, text);
        }
        return text;
    }

    /**
     * The compiled form of a text map.
     *
     * @throws InvalidMapException (400) with crushtool's message when the text is not a valid map
     * @throws CalamariException 503 when crushtool is missing or does not work
     */
    public CompiledCrushMap compile(String text) {
        Path tool = executable.orElseThrow(() -> unavailable(MISSING_FOR_COMPILE));
        Run run = run(tool, "-c", text.getBytes(StandardCharsets.UTF_8), "compile");
        if (run.exitCode() != 0) {
            String message = run.errors().strip();
            throw new InvalidMapException(message.isEmpty() ? "crushtool exited with code " + run.exitCode() : message);
        }
        if (run.output().length == 0) {
            throw unavailable("crushtool compiled the CRUSH map into nothing");
        }
        return new CompiledCrushMap(run.output());
    }

    /** What one run left: its exit code, its output file and its error messages. */
    private record Run(int exitCode, byte[] output, String errors) {}

    private Run run(Path tool, String mode, byte[] input, String verb) {
        Path inputFile = null;
        Path outputFile = null;
        Path errorFile = null;
        try {
            inputFile = Files.createTempFile("crushmap", ".in");
            outputFile = Files.createTempFile("crushmap", ".out");
            errorFile = Files.createTempFile("crushmap", ".err");
            Files.write(inputFile, input);
            Process process = new ProcessBuilder(
                            tool.toString(), mode, inputFile.toString(), "-o", outputFile.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errorFile.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw unavailable("crushtool did not " + verb + " the CRUSH map within " + timeout.toSeconds() + " s");
            }
            String errors =
                    Files.readString(errorFile, StandardCharsets.UTF_8).replace(inputFile.toString(), SOURCE_NAME);
            return new Run(process.exitValue(), Files.readAllBytes(outputFile), errors);
        } catch (IOException e) {
            throw unavailable("crushtool could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while running crushtool to " + verb + " the CRUSH map");
        } finally {
            deleteQuietly(inputFile);
            deleteQuietly(outputFile);
            deleteQuietly(errorFile);
        }
    }

    private static CalamariException unavailable(String message) {
        return new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, message);
    }

    private static void deleteQuietly(@Nullable Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }
}
