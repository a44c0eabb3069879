package io.calamari.ceph.command;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.rados.CommandResult;
import io.calamari.ceph.rados.RadosClient;
import io.calamari.ceph.rados.RadosException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One Ceph command: the daemon that answers it, its JSON arguments, and the parser of its JSON
 * answer. Immutable; {@link #run} is as thread-safe as the client.
 */
public record CephCommand<T>(Target target, Map<String, Object> arguments, Function<byte[], T> parser) {
    /** Which daemon answers: the monitors or the active manager. */
    public enum Target {
        MON,
        MGR
    }

    public CephCommand {
        requireNonNull(target, "target");
        arguments = Map.copyOf(arguments);
        requireNonNull(parser, "parser");
        if (!arguments.containsKey("prefix")) {
            throw new IllegalArgumentException("a command needs a prefix: " + arguments);
        }
    }

    static <T> CephCommand<T> of(Target target, Function<byte[], T> parser, Object... keysAndValues) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (int index = 0; index < keysAndValues.length; index += 2) {
            arguments.put((String) keysAndValues[index], keysAndValues[index + 1]);
        }
        arguments.put("format", "json");
        return new CephCommand<>(target, arguments, parser);
    }

    public String prefix() {
        return String.valueOf(arguments.get("prefix"));
    }

    /** Sends the command, fails with Ceph's own message on a negative return code, parses the answer. */
    public T run(RadosClient client, Duration timeout) {
        CommandResult result = switch (target) {
            case MON -> client.monCommand(arguments, timeout);
            case MGR -> client.mgrCommand(arguments, timeout);
        };
        if (!result.succeeded()) {
            throw new RadosException("'" + prefix() + "' failed", result.returnCode(), result.status());
        }
        return parser.apply(result.output());
    }
}
