package io.calamari.simulator;

import io.calamari.ceph.rados.CommandResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading a command's JSON arguments as the monitors do ({@code cmd_getval}): strings, integers
 * (also given as strings), floats, booleans and string lists; and the answers a mutation gives.
 * Stateless.
 */
final class Arguments {
    static final int EPERM = -1;
    static final int ENOENT = -2;
    static final int EAGAIN = -11;
    static final int EBUSY = -16;
    static final int EEXIST = -17;
    static final int EINVAL = -22;
    static final int ERANGE = -34;
    static final int ENOTEMPTY = -39;

    private Arguments() {}

    static Optional<String> string(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    static Optional<Long> integer(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        if (value instanceof Number number) {
            return Optional.of(number.longValue());
        }
        try {
            return value == null
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(String.valueOf(value).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Double> decimal(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        if (value instanceof Number number) {
            return Optional.of(number.doubleValue());
        }
        try {
            return value == null
                    ? Optional.empty()
                    : Optional.of(Double.parseDouble(String.valueOf(value).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A {@code CephBool}: true when given as {@code true} (or {@code "true"}). */
    static boolean flag(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    /** A {@code CephString} list ({@code n=N}), also accepted as a single string. */
    static List<String> strings(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        List<String> values = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> values.add(String.valueOf(item)));
        } else if (value != null) {
            values.add(String.valueOf(value));
        }
        return values;
    }

    /** An OSD id as {@code CephOsdName} takes it: {@code 3} or {@code osd.3}; -1 when it is neither. */
    static int osdId(String value) {
        String number = value.startsWith("osd.") ? value.substring(4) : value;
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static CommandResult done(String status) {
        return new CommandResult(0, new byte[0], status);
    }

    static CommandResult refused(int code, String status) {
        return new CommandResult(code, new byte[0], status);
    }

    static CommandResult output(String text, String status) {
        return new CommandResult(0, text.getBytes(StandardCharsets.UTF_8), status);
    }

    static CommandResult missing(String name) {
        return refused(EINVAL, "missing required parameter " + name);
    }
}
