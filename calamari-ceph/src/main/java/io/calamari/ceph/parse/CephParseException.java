package io.calamari.ceph.parse;

import static java.util.Objects.requireNonNull;

/**
 * A Ceph command's JSON output did not have the shape a parser needs: the message names the
 * command and the missing or malformed field. Immutable.
 */
public final class CephParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String command;

    public CephParseException(String command, String problem) {
        super("Cannot parse '" + requireNonNull(command, "command") + "' output: " + problem);
        this.command = command;
    }

    public CephParseException(String command, String problem, Throwable cause) {
        super("Cannot parse '" + requireNonNull(command, "command") + "' output: " + problem, cause);
        this.command = command;
    }

    /** The Ceph command whose output failed, e.g. {@code osd dump}. */
    public String command() {
        return command;
    }
}
