package io.calamari.server.auth;

import static java.util.Objects.requireNonNull;

import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.user.User;
import io.calamari.server.user.UserService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic credentials for the routes that tools call without a browser session (the Graphite
 * API, which Grafana's datasource reaches with "Basic auth"). A password is checked like a login
 * (same throttle), and a verified header is remembered for a minute by its SHA-256, so that a
 * dashboard's many requests do not each pay for Argon2. A user disabled or deleted meanwhile keeps
 * access for at most that minute. Thread-safe.
 */
public final class BasicAuthenticator {
    private static final Duration REMEMBER = Duration.ofMinutes(1);
    private static final int MAX_REMEMBERED = 1_000;

    private record Verified(User user, long expiresAtMillis) {}

    private final UserService users;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    public BasicAuthenticator(UserService users, LoginThrottle throttle, Clock clock) {
        this.users = requireNonNull(users, "users");
        this.throttle = requireNonNull(throttle, "throttle");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * The principal of an {@code Authorization: Basic ...} header; empty without one. Wrong
     * credentials fail as a login does.
     */
    public Optional<Principal> authenticate(Optional<String> authorization, String remoteAddress) {
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String header = authorization.get();
        String key = sha256(header);
        long now = clock.millis();
        Verified known = verified.get(key);
        if (known != null && known.expiresAtMillis() > now) {
            return Optional.of(new Principal(known.user(), "basic:" + key));
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new CalamariException(ErrorCode.UNAUTHENTICATED, "Invalid basic header: credentials not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new CalamariException(ErrorCode.UNAUTHENTICATED, "Invalid basic header: no user name");
        }
        String username = decoded.substring(0, colon);
        throttle.check(username, remoteAddress);
        Optional<User> user = users.authenticate(username, decoded.substring(colon + 1));
        if (user.isEmpty()) {
            throttle.failed(username, remoteAddress);
            throw new CalamariException(ErrorCode.UNAUTHENTICATED, "User authentication failed");
        }
        throttle.succeeded(username, remoteAddress);
        if (verified.size() >= MAX_REMEMBERED) {
            verified.values().removeIf(entry -> entry.expiresAtMillis() <= now);
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
        }
        verified.put(key, new Verified(user.get(), now + REMEMBER.toMillis()));
        return Optional.of(new Principal(user.get(), "basic:" + key));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
