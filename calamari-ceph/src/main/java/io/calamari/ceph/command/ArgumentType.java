package io.calamari.ceph.command;

import static java.util.Objects.requireNonNull;

/**
 * The argument types of Ceph's command descriptions ({@code "type": "CephInt"} in a signature), which
 * decide how the {@code ceph} CLI checks a word and what JSON value it sends. Types this parser does
 * not know become {@link #UNKNOWN}, which no word satisfies. Immutable.
 */
public enum ArgumentType {
    /** A literal word of the command's prefix, such as {@code osd} in {@code osd dump}. */
    PREFIX("CephPrefix"),
    STRING("CephString"),
    INT("CephInt"),
    FLOAT("CephFloat"),
    CHOICES("CephChoices"),
    BOOL("CephBool"),
    POOL_NAME("CephPoolname"),
    OBJECT_NAME("CephObjectname"),
    /** A daemon or client name, {@code type.id} ({@code osd.1}, {@code mon.a}, {@code client.admin}). */
    NAME("CephName"),
    /** An OSD as {@code 3} or {@code osd.3}; sent as the number. */
    OSD_NAME("CephOsdName"),
    PGID("CephPgid"),
    IP_ADDRESS("CephIPAddr"),
    ENTITY_ADDRESS("CephEntityAddr"),
    UUID("CephUUID"),
    /** A local file for the CLI to open; not accepted through the API. */
    FILE_PATH("CephFilepath"),
    FRAGMENT("CephFragment"),
    /** A local admin socket path; not accepted through the API. */
    SOCKET_PATH("CephSocketpath"),
    UNKNOWN("");

    private final String cephName;

    ArgumentType(String cephName) {
        this.cephName = cephName;
    }

    /** The name Ceph's descriptions use, e.g. {@code CephInt}; empty for {@link #UNKNOWN}. */
    public String cephName() {
        return cephName;
    }

    /** The type Ceph calls {@code cephName}, or {@link #UNKNOWN}. */
    public static ArgumentType fromCephName(String cephName) {
        requireNonNull(cephName, "cephName");
        for (ArgumentType type : values()) {
            if (type != UNKNOWN && type.cephName.equals(cephName)) {
                return type;
            }
        }
        return UNKNOWN;
    }
}
