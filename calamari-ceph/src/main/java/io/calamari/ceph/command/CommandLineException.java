package io.calamari.ceph.command;

import java.util.List;

/**
 * A command line the API cannot turn into a Ceph command: a quoting error, an option or form it does
 * not support, an unknown command or an invalid argument. The message is written for the API client
 * (what was wrong and, where it helps, the command's usage); for an unknown command {@link
 * #closestMatches()} lists the usage lines of the closest commands, as the {@code ceph} CLI prints
 * them. Immutable.
 */
public final class CommandLineException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> closestMatches;

    public CommandLineException(String message) {
        this(message, List.of());
    }

    public CommandLineException(String message, List<String> closestMatches) {
        super(message);
        this.closestMatches = List.copyOf(closestMatches);
    }

    /** Usage lines of the commands closest to an unknown one; empty for other problems. */
    public List<String> closestMatches() {
        return closestMatches;
    }
}
