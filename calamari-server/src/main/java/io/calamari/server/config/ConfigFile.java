package io.calamari.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configuration file: {@code name = value} lines whose names are the long option names without
 * dashes ({@code data-dir = /var/lib/calamari}); {@code #} starts a comment. Server and calamari-ctl
 * read the same file.
 */
public final class ConfigFile {
    /** Every setting a file may hold: the server's options. */
    public static final Set<String> SETTINGS = Set.of(
            "data-dir",
            "http-port",
            "bind",
            "database-url",
            "database-user",
            "database-password",
            "ceph-conf",
            "ceph-keyring",
            "ceph-client",
            "demo",
            "demo-size",
            "session-idle-timeout",
            "request-timeout",
            "event-retention",
            "audit-retention",
            "request-retention",
            "carbon-port",
            "carbon-pickle-port",
            "carbon-max-connections",
            "carbon-max-frame-bytes",
            "carbon-idle-timeout",
            "metrics-sync-interval");

    private ConfigFile() {}

    /** Reads and checks a file; an unreadable file or a bad line throws a UsageException naming the file and line. */
    public static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + " line " + (index + 1);
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new UsageException(where + ": expected 'name = value', got '" + line + "'");
            }
            String name = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (!SETTINGS.contains(name)) {
                throw new UsageException(where + ": unknown setting '" + name + "' (known: "
                        + String.join(", ", SETTINGS.stream().sorted().toList()) + ")");
            }
            if (values.put(name, value) != null) {
                throw new UsageException(where + ": '" + name + "' is set twice");
            }
        }
        return values;
    }
}
