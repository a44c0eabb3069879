package io.calamari.server.user;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashing (19 MiB, 2 passes, 1 lane: OWASP's baseline), stored as PHC strings so
 * that the parameters can be raised later without invalidating old hashes. Thread-safe.
 */
public final class PasswordHasher {
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    /** A hash of a random password, checked against when the user is unknown, so timing reveals nothing. */
    private final String decoyHash = hash("decoy-" + System.nanoTime());

    public String hash(CharSequence password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    public boolean matches(CharSequence password, String storedHash) {
        try {
            return Argon2Function.getInstanceFromHash(storedHash).check(password, storedHash);
        } catch (RuntimeException malformedHash) {
            return false;
        }
    }

    /** Spends the same time as a real check, for unknown users and accounts without a password. */
    public void matchDecoy(CharSequence password) {
        matches(password, decoyHash);
    }
}
