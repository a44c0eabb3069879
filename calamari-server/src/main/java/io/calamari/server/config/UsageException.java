package io.calamari.server.config;

/** A command used wrongly (bad option value, missing confirmation...): exit code 2, nothing changed. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
