package io.calamari.server.auth;

import static java.util.Objects.requireNonNull;

import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.error.FieldErrors;
import io.calamari.server.user.User;
import io.calamari.server.user.UserService;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logging in and out: throttling, password checks, session creation. Thread-safe. */
public final class AuthService {
    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    private final UserService users;
    private final SessionService sessions;
    private final LoginThrottle throttle;

    public AuthService(UserService users, SessionService sessions, LoginThrottle throttle) {
        this.users = requireNonNull(users, "users");
        this.sessions = requireNonNull(sessions, "sessions");
        this.throttle = requireNonNull(throttle, "throttle");
    }

    /**
     * Checks the credentials and opens a session. Missing fields give a validation error, throttled
     * clients a {@code ThrottledException}, and wrong credentials (or a disabled user) an
     * {@code UNAUTHENTICATED} error.
     */
    public SessionService.NewSession login(
            Optional<String> username, Optional<String> password, String remoteAddress, String userAgent) {
        FieldErrors errors = new FieldErrors();
        if (username.filter(name -> !name.isEmpty()).isEmpty()) {
            errors.add("username", "This field is required.");
        }
        if (password.filter(secret -> !secret.isEmpty()).isEmpty()) {
            errors.add("password", "This field is required.");
        }
        errors.throwIfAny();
        String name = username.orElseThrow();
        throttle.check(name, remoteAddress);
        Optional<User> user = users.authenticate(name, password.orElseThrow());
        if (user.isEmpty()) {
            throttle.failed(name, remoteAddress);
            log.warn("failed login for '{}' from {}", name, remoteAddress);
            throw new CalamariException(ErrorCode.UNAUTHENTICATED, "User authentication failed");
        }
        throttle.succeeded(name, remoteAddress);
        log.info("user '{}' logged in from {}", name, remoteAddress);
        return sessions.create(user.get(), remoteAddress, userAgent);
    }

    public void logout(String sessionToken) {
        sessions.end(sessionToken);
    }
}
