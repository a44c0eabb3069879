package io.calamari.ceph.command;

import static java.util.Objects.requireNonNull;

/**
 * A word did not fit a signature, with the kind of misfit the {@code ceph} CLI's {@code
 * ceph_argparse} distinguishes, because the kind steers the search for the right command. Cheap to
 * throw (no stack trace): the search throws many. Immutable.
 */
final class ArgumentException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The exception classes of {@code ceph_argparse}. */
    enum Kind {
        /** A literal word differs: not this command, keep searching ({@code ArgumentPrefix}). */
        PREFIX,
        /** A required argument is missing ({@code ArgumentMissing}). */
        MISSING,
        /** Fewer words than the signature needs: maybe another command ({@code ArgumentTooFew}). */
        TOO_FEW,
        /** Wrong number of words for a repeated argument ({@code ArgumentNumber}). */
        NUMBER,
        /** A word of the wrong shape ({@code ArgumentFormat}). */
        FORMAT,
        /** A word of the right shape but an invalid value ({@code ArgumentValid}). */
        VALID,
        /** Anything else, such as words left over ({@code ArgumentError}). */
        OTHER
    }

    private final Kind kind;
    private final String problem;

    ArgumentException(Kind kind, String problem) {
        super(problem, null, false, false);
        this.kind = requireNonNull(kind, "kind");
        this.problem = requireNonNull(problem, "problem");
    }

    /** What was wrong, in the CLI's words. */
    String problem() {
        return problem;
    }

    Kind kind() {
        return kind;
    }
}
