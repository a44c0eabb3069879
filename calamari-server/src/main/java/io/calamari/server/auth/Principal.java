package io.calamari.server.auth;

import static java.util.Objects.requireNonNull;

import io.calamari.server.user.Actor;
import io.calamari.server.user.Role;
import io.calamari.server.user.User;
import java.util.Optional;

/** The authenticated user of one HTTP request, with the session that authenticated them. */
public record Principal(User user, String sessionTokenHash) {
    public Principal {
        requireNonNull(user, "user");
        requireNonNull(sessionTokenHash, "sessionTokenHash");
    }

    public Role role() {
        return user.role();
    }

    public String username() {
        return user.username();
    }

    public Actor actor() {
        return new Actor(user.id(), user.role(), Optional.of(sessionTokenHash));
    }
}
