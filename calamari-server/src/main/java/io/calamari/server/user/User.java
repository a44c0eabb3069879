package io.calamari.server.user;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A Calamari user. An account without a password hash cannot log in until one is set. */
public record User(long id, String username, String email, Role role, boolean enabled, Optional<String> passwordHash) {
    public User {
        requireNonNull(username, "username");
        requireNonNull(email, "email");
        requireNonNull(role, "role");
        requireNonNull(passwordHash, "passwordHash");
    }
}
