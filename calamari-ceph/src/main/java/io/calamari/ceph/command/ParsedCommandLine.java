package io.calamari.ceph.command;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.command.CephCommand.Target;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command line turned into what the {@code ceph} CLI would send: the daemon ({@code target}) and
 * the JSON arguments, for example {@code ceph osd pool create foo 32 -f json} gives {@link
 * Target#MON} and {@code {"prefix": "osd pool create", "pool": "foo", "pg_num": 32, "format":
 * "json"}}. Values are {@code String}, {@code Long}, {@code Double}, {@code Boolean} or a {@code
 * List} of those (repeated arguments). The CLI also puts its routing ({@code "target": ["mon-mgr",
 * ""]}) into manager commands; here that is {@code target} alone. Immutable; the map keeps the
 * CLI's key order.
 */
public record ParsedCommandLine(Target target, Map<String, Object> arguments, CommandDescription command) {

    public ParsedCommandLine {
        requireNonNull(target, "target");
        requireNonNull(command, "command");
        Map<String, Object> copy = new LinkedHashMap<>();
        arguments.forEach((key, value) -> copy.put(key, value instanceof List<?> list ? List.copyOf(list) : value));
        if (!(copy.get("prefix") instanceof String)) {
            throw new IllegalArgumentException("a command needs a prefix: " + arguments);
        }
        arguments = Collections.unmodifiableMap(copy);
    }

    public String prefix() {
        return (String) requireNonNull(arguments.get("prefix"), "prefix");
    }

    /** The output format asked for with {@code -f}; without it Ceph answers in plain text. */
    public Optional<String> format() {
        return Optional.ofNullable(arguments.get("format")).map(String::valueOf);
    }

    /** The command ready to send, its answer left as raw bytes. */
    public CephCommand<byte[]> toCephCommand() {
        return new CephCommand<>(target, arguments, bytes -> bytes);
    }
}
