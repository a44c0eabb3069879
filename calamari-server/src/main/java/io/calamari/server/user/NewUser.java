package io.calamari.server.user;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** What is needed to create a user; checked by {@link UserService#create}. */
public record NewUser(String username, String email, Optional<String> password, Role role, boolean enabled) {
    public NewUser {
        requireNonNull(username, "username");
        requireNonNull(email, "email");
        requireNonNull(password, "password");
        requireNonNull(role, "role");
    }
}
