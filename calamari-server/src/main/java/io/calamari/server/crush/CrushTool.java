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

/**
 * Turns a compiled CRUSH map into Ceph's text form with {@code crushtool -d}, as Calamari did. The
 * tool comes with Debian's {@code ceph-base}; without it, decompiling is a clear 503. Each run is
 * bounded by a timeout; the last few results are cached (maps change rarely). Thread-safe.
 */
public final class CrushTool {
    static final String MISSING = "crushtool is not installed on the Calamari server (Debian package ceph-base), "
            + "so the CRUSH map cannot be shown as text";
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
        String text = run(map);
        synchronized (cache) {
            cache.put(map, text);
        }
        return text;
    }

    private String run(CompiledCrushMap map) {
        Path tool = executable.orElseThrow(() -> new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, MISSING));
        Path input = null;
        Path output = null;
        try {
            input = Files.createTempFile("crushmap", ".bin");
            output = Files.createTempFile("crushmap", ".txt");
            Files.write(input, map.bytes());
            Process process = new ProcessBuilder(tool.toString(), "-d", input.toString())
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw unavailable("crushtool did not finish within " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw unavailable(
                        "crushtool could not decompile the CRUSH map (exit code " + process.exitValue() + ")");
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unavailable("crushtool could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while decompiling the CRUSH map");
        } finally {
            deleteQuietly(input);
            deleteQuietly(output);
        }
    }

    private static CalamariException unavailable(String message) {
        return new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, message);
    }

    private static void deleteQuietly(@org.jspecify.annotations.Nullable Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }
}
