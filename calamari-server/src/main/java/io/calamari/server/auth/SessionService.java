package io.calamari.server.auth;

import static java.util.Objects.requireNonNull;

import io.calamari.server.user.User;
import io.calamari.server.user.UserService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login sessions: opaque random tokens handed out in the {@code calamari_sessionid} cookie, stored
 * server-side as hashes, expired after a configurable idle time, revocable by logout or a password
 * change. Also derives each session's CSRF token from the server secret (supplied once the database
 * is ready). A background task prunes idle sessions.
 * Thread-safe.
 */
public final class SessionService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    /** A newly created session: the cookie value and its CSRF token. */
    public record NewSession(String token, String csrfToken, Principal principal) {}

    private final SessionStore store;
    private final UserService users;
    private final Supplier<ServerSecret> secret;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration touchInterval;
    private final ScheduledExecutorService pruner;

    public SessionService(
            SessionStore store, UserService users, Supplier<ServerSecret> secret, Clock clock, Duration idleTimeout) {
        this.store = requireNonNull(store, "store");
        this.users = requireNonNull(users, "users");
        this.secret = requireNonNull(secret, "secret");
        this.clock = requireNonNull(clock, "clock");
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout");
        this.touchInterval = min(Duration.ofMinutes(1), idleTimeout.dividedBy(4));
        this.pruner = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "session-pruner");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts pruning idle sessions in the background. */
    public void start() {
        long periodSeconds =
                Math.max(60, min(Duration.ofMinutes(10), idleTimeout).toSeconds());
        pruner.scheduleWithFixedDelay(this::pruneQuietly, periodSeconds, periodSeconds, TimeUnit.SECONDS);
    }

    public NewSession create(User user, String remoteAddress, String userAgent) {
        String token = ServerSecret.randomToken();
        String tokenHash = ServerSecret.hashToken(token);
        store.insert(tokenHash, user.id(), clock.instant(), remoteAddress, userAgent);
        return new NewSession(token, csrfTokenFor(token), new Principal(user, tokenHash));
    }

    /** The principal of a live session token; an idle, unknown or disabled user's token gives none. */
    public Optional<Principal> resolve(String token) {
        String tokenHash = ServerSecret.hashToken(token);
        Optional<SessionStore.StoredSession> session = store.find(tokenHash);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant lastSeen = session.get().lastSeenAt();
        if (lastSeen.plus(idleTimeout).isBefore(now)) {
            store.delete(tokenHash);
            return Optional.empty();
        }
        Optional<User> user = users.findById(session.get().userId()).filter(User::enabled);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        if (lastSeen.plus(touchInterval).isBefore(now)) {
            store.touch(tokenHash, now);
        }
        return Optional.of(new Principal(user.get(), tokenHash));
    }

    public void end(String token) {
        store.delete(ServerSecret.hashToken(token));
    }

    /** The CSRF token bound to a session: only someone who can read the session cookie can compute it. */
    public String csrfTokenFor(String sessionToken) {
        return secret.get().sign("csrf:" + sessionToken);
    }

    /** Deletes sessions idle longer than the timeout; returns how many. */
    public int pruneIdle() {
        return store.deleteIdleSince(clock.instant().minus(idleTimeout));
    }

    private void pruneQuietly() {
        try {
            int pruned = pruneIdle();
            if (pruned > 0) {
                log.debug("pruned {} idle sessions", pruned);
            }
        } catch (Throwable t) {
            log.warn("pruning idle sessions failed: {}", t.toString());
        }
    }

    @Override
    public void close() {
        pruner.shutdownNow();
    }

    private static Duration min(Duration first, Duration second) {
        return first.compareTo(second) <= 0 ? first : second;
    }
}
