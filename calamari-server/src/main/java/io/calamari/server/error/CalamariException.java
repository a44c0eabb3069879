package io.calamari.server.error;

import static java.util.Objects.requireNonNull;

/**
 * A failure the API reports to its client: a stable {@link ErrorCode} and a message safe to show.
 * Services throw it; the HTTP edge maps it to a status and a JSON body in one place.
 */
public class CalamariException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String clientMessage;

    public CalamariException(ErrorCode code, String message) {
        super(requireNonNull(message, "message"));
        this.code = requireNonNull(code, "code");
        this.clientMessage = message;
    }

    /** The message for the client (never null, unlike {@link #getMessage()}'s contract). */
    public String clientMessage() {
        return clientMessage;
    }

    public ErrorCode code() {
        return code;
    }

    public static CalamariException notFound(String message) {
        return new CalamariException(ErrorCode.NOT_FOUND, message);
    }

    public static CalamariException forbidden(String message) {
        return new CalamariException(ErrorCode.FORBIDDEN, message);
    }

    public static CalamariException conflict(String message) {
        return new CalamariException(ErrorCode.CONFLICT, message);
    }
}
