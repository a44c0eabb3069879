package io.calamari.server.auth;

import static java.util.Objects.requireNonNull;

import io.calamari.server.error.ThrottledException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Slows down password guessing. Failed logins are counted per (username, client address) and per
 * client address; past a threshold each further failure doubles the wait (from 1 s up to 15 min), and
 * a success or an hour without failures forgets them. The real user at another address is never
 * locked out, and nobody is locked out forever. In memory, per server. Thread-safe.
 */
public final class LoginThrottle {
    static final int USER_THRESHOLD = 5;
    static final int ADDRESS_THRESHOLD = 30;
    static final Duration MAXIMUM_WAIT = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final int MAXIMUM_ENTRIES = 100_000;

    private record Failures(int count, Instant lastFailure, Instant blockedUntil) {}

    private final Clock clock;
    private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
    }

    /** Throws {@link ThrottledException} when this client must wait before trying again. */
    public void check(String username, String address) {
        Instant now = clock.instant();
        Instant until = later(blockedUntil(userKey(username, address), now), blockedUntil(addressKey(address), now));
        if (until.isAfter(now)) {
            long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
            throw new ThrottledException(
                    "Too many failed login attempts. Try again in " + seconds + " seconds.",
                    Duration.ofSeconds(seconds));
        }
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() >= MAXIMUM_ENTRIES) {
            failures.values().removeIf(entry -> forgotten(entry, now));
        }
        record(userKey(username, address), USER_THRESHOLD, now);
        record(addressKey(address), ADDRESS_THRESHOLD, now);
    }

    public void succeeded(String username, String address) {
        failures.remove(userKey(username, address));
    }

    private void record(String key, int threshold, Instant now) {
        failures.compute(key, (ignored, previous) -> {
            int count = previous == null || forgotten(previous, now) ? 1 : previous.count() + 1;
            Instant blockedUntil = count < threshold ? now : now.plus(wait(count - threshold));
            return new Failures(count, now, blockedUntil);
        });
    }

    private Instant blockedUntil(String key, Instant now) {
        Failures entry = failures.get(key);
        if (entry == null || forgotten(entry, now)) {
            return now;
        }
        return entry.blockedUntil();
    }

    private static Duration wait(int failuresPastThreshold) {
        if (failuresPastThreshold >= 10) {
            return MAXIMUM_WAIT;
        }
        Duration wait = Duration.ofSeconds(1L << failuresPastThreshold);
        return wait.compareTo(MAXIMUM_WAIT) > 0 ? MAXIMUM_WAIT : wait;
    }

    private static boolean forgotten(Failures entry, Instant now) {
        return entry.lastFailure().plus(FORGET_AFTER).isBefore(now)
                && !entry.blockedUntil().isAfter(now);
    }

    private static Instant later(Instant first, Instant second) {
        return first.isAfter(second) ? first : second;
    }

    private static String userKey(String username, String address) {
        return "user:" + username + "\n" + address;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
