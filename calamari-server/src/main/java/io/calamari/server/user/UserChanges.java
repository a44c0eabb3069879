package io.calamari.server.user;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A partial update of a user; absent fields stay as they are. */
public record UserChanges(
        Optional<String> password, Optional<String> email, Optional<Role> role, Optional<Boolean> enabled) {
    public UserChanges {
        requireNonNull(password, "password");
        requireNonNull(email, "email");
        requireNonNull(role, "role");
        requireNonNull(enabled, "enabled");
    }

    public static UserChanges none() {
        return new UserChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public UserChanges withPassword(String newPassword) {
        return new UserChanges(Optional.of(newPassword), email, role, enabled);
    }

    public UserChanges withRole(Role newRole) {
        return new UserChanges(password, email, Optional.of(newRole), enabled);
    }

    public UserChanges withEnabled(boolean newEnabled) {
        return new UserChanges(password, email, role, Optional.of(newEnabled));
    }
}
