package io.calamari.server.user;

import java.util.Arrays;
import java.util.Optional;

/**
 * Calamari's three roles. A user has exactly one: readonly may only read; read/write may change
 * clusters; superuser may also manage users.
 */
public enum Role {
    READONLY("readonly"),
    READ_WRITE("read/write"),
    SUPERUSER("superuser");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the API, the database and calamari-ctl, e.g. {@code read/write}. */
    public String wireName() {
        return wireName;
    }

    public boolean canWrite() {
        return this != READONLY;
    }

    public static Optional<Role> fromWireName(String name) {
        return Arrays.stream(values())
                .filter(role -> role.wireName.equals(name))
                .findFirst();
    }

    public static String choices() {
        return "readonly, read/write, superuser";
    }
}
