package io.calamari.server.user;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** Who is making a change: the logged-in user and, when there is one, their session. */
public record Actor(long userId, Role role, Optional<String> sessionTokenHash) {
    public Actor {
        requireNonNull(role, "role");
        requireNonNull(sessionTokenHash, "sessionTokenHash");
    }

    public boolean isSuperuser() {
        return role == Role.SUPERUSER;
    }
}
