package io.calamari.server.request;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.command.CephCommand.Target;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Ceph command of a request's plan: the daemon that takes it, its JSON arguments as the
 * {@code ceph} CLI would send them (for example {@code {"prefix": "osd set", "key": "noout"}}), and
 * an input buffer (the compiled CRUSH map of {@code osd setcrushmap}; usually empty). Immutable.
 */
public record RequestCommand(Target target, Map<String, Object> arguments, byte[] input) {
    public RequestCommand {
        requireNonNull(target, "target");
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        input = requireNonNull(input, "input").clone();
        if (!arguments.containsKey("prefix")) {
            throw new IllegalArgumentException("a command needs a prefix: " + arguments);
        }
    }

    /** A monitor command from alternating keys and values, starting with the prefix. */
    public static RequestCommand mon(String prefix, Object... keysAndValues) {
        return new RequestCommand(Target.MON, arguments(prefix, keysAndValues), new byte[0]);
    }

    /** A manager command from alternating keys and values, starting with the prefix. */
    public static RequestCommand mgr(String prefix, Object... keysAndValues) {
        return new RequestCommand(Target.MGR, arguments(prefix, keysAndValues), new byte[0]);
    }

    public String prefix() {
        return String.valueOf(arguments.get("prefix"));
    }

    @Override
    public byte[] input() {
        return input.clone();
    }

    private static Map<String, Object> arguments(String prefix, Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs: " + Arrays.toString(keysAndValues));
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("prefix", prefix);
        for (int index = 0; index < keysAndValues.length; index += 2) {
            arguments.put((String) keysAndValues[index], keysAndValues[index + 1]);
        }
        return arguments;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RequestCommand that
                && target == that.target
                && arguments.equals(that.arguments)
                && Arrays.equals(input, that.input);
    }

    @Override
    public int hashCode() {
        return (31 * target.hashCode() + arguments.hashCode()) * 31 + Arrays.hashCode(input);
    }

    @Override
    public String toString() {
        return target + " " + arguments + (input.length == 0 ? "" : " + " + input.length + " bytes of input");
    }
}
