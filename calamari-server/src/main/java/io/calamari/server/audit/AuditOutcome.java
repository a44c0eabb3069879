package io.calamari.server.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How an audited request ended, derived from its kind and final HTTP status. The wire names are
 * stored in the database and shown by {@code /api/v2/audit}:
 *
 * <pre>
 * accepted      202: an asynchronous request was created
 * succeeded     any other 2xx or 3xx (304: nothing to change)
 * rejected      4xx other than 401, 403 and 429: invalid input, unknown object, conflict
 * denied        401, 403 or 429: not logged in, CSRF failure, role too weak, login throttled
 * failed        5xx: the server or a cluster could not do it
 * login         a successful login
 * login_failed  a login refused for wrong or missing credentials (any 4xx but 429)
 * logout        a logout (also when there was no session to end)
 * </pre>
 */
public enum AuditOutcome {
    ACCEPTED("accepted"),
    SUCCEEDED("succeeded"),
    REJECTED("rejected"),
    DENIED("denied"),
    FAILED("failed"),
    LOGIN("login"),
    LOGIN_FAILED("login_failed"),
    LOGOUT("logout");

    private final String wireName;

    AuditOutcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<AuditOutcome> fromWireName(String name) {
        return Arrays.stream(values())
                .filter(outcome -> outcome.wireName.equals(name))
                .findFirst();
    }

    /** Every wire name, in declaration order. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(AuditOutcome::wireName).toList();
    }

    /** The outcome of a request of this kind answered with this status. */
    public static AuditOutcome of(AuditedRequest.Kind kind, int status) {
        AuditOutcome plain = ofStatus(status);
        return switch (kind) {
            case REQUEST -> plain;
            case LOGIN ->
                switch (plain) {
                    case ACCEPTED, SUCCEEDED -> LOGIN;
                    case REJECTED -> LOGIN_FAILED;
                    case DENIED -> status == 401 ? LOGIN_FAILED : DENIED;
                    case FAILED, LOGIN, LOGIN_FAILED, LOGOUT -> plain;
                };
            case LOGOUT -> plain == SUCCEEDED ? LOGOUT : plain;
        };
    }

    private static AuditOutcome ofStatus(int status) {
        if (status >= 500) {
            return FAILED;
        }
        if (status == 401 || status == 403 || status == 429) {
            return DENIED;
        }
        if (status >= 400) {
            return REJECTED;
        }
        return status == 202 ? ACCEPTED : SUCCEEDED;
    }
}
