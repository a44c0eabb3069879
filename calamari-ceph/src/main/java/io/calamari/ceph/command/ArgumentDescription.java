package io.calamari.ceph.command;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One element of a command's signature in Ceph's {@code get_command_descriptions} answer: a literal
 * word, or a typed argument such as {@code {"name": "pg_num", "type": "CephInt", "range": "0", "req":
 * "false"}}. {@code repeated} is Ceph's {@code "n": "N"} (one or more words, sent as a list);
 * {@code count} is the number of words otherwise (1 nearly always). {@code attributes} holds the
 * type's own settings: {@code strings} for choices, {@code range} for numbers, {@code goodchars} for
 * strings, {@code prefix} for a literal word. {@code typeName} is the type as Ceph wrote it, which
 * matters when {@code type} is {@link ArgumentType#UNKNOWN}. Immutable.
 */
public record ArgumentDescription(
        String name,
        ArgumentType type,
        String typeName,
        boolean required,
        boolean repeated,
        int count,
        Map<String, String> attributes) {

    public ArgumentDescription {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        requireNonNull(typeName, "typeName");
        attributes = Map.copyOf(attributes);
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
    }

    /** A literal word of a command's prefix, as a plain string in a signature describes it. */
    public static ArgumentDescription literal(String word) {
        return new ArgumentDescription(
                "prefix", ArgumentType.PREFIX, ArgumentType.PREFIX.cephName(), true, false, 1, Map.of("prefix", word));
    }

    /** An attribute of the type, or an empty string. */
    public String attribute(String key) {
        return attributes.getOrDefault(key, "");
    }

    /** The words a {@link ArgumentType#CHOICES} argument accepts. */
    public List<String> choices() {
        return List.of(attribute("strings").split("\\|", -1));
    }

    /**
     * This element as the {@code ceph} CLI shows it in usage lines ({@code <pg_num:int>}, {@code
     * [--yes-i-really-mean-it]}, {@code size|min_size}, {@code <ids>...}).
     */
    public String usage() {
        String chunk = switch (type) {
            case BOOL -> "--" + name.replace('_', '-');
            case PREFIX -> attribute("prefix");
            case CHOICES -> name.equals("format") ? "--format {" + typeLabel() + "}" : typeLabel();
            case OSD_NAME -> "<id|osd.id>";
            case NAME -> "<type.id>";
            case INT -> "<" + name + ":int>";
            case FLOAT -> "<" + name + ":float>";
            default -> "<" + name + ">";
        };
        if (repeated) {
            chunk += "...";
        }
        return required ? chunk : "[" + chunk + "]";
    }

    /** The type as the {@code ceph} CLI describes it in error messages, e.g. {@code <int[0-]>}. */
    public String typeLabel() {
        return switch (type) {
            case PREFIX -> attribute("prefix");
            case STRING ->
                attribute("goodchars").isEmpty() ? "<string>" : "<string(goodchars " + attribute("goodchars") + ")>";
            case INT -> "<int" + rangeLabel() + ">";
            case FLOAT -> "<float" + rangeLabel() + ">";
            case CHOICES -> attribute("strings");
            case BOOL -> "<bool>";
            case POOL_NAME -> "<poolname>";
            case OBJECT_NAME -> "<objectname>";
            case NAME -> "<name (type.id)>";
            case OSD_NAME -> "<osdname (id|osd.id)>";
            case PGID -> "<pgid>";
            case IP_ADDRESS -> "<IPaddr[:port]>";
            case ENTITY_ADDRESS -> "<EntityAddr>";
            case UUID -> "<uuid>";
            case FILE_PATH -> "<outfilename>";
            case FRAGMENT -> "<CephFS fragment ID (0xvvv/bbb)>";
            case SOCKET_PATH -> "<admin-socket-path>";
            case UNKNOWN -> "<" + typeName + ">";
        };
    }

    private String rangeLabel() {
        String[] bounds = attribute("range").split("\\|");
        if (attribute("range").isEmpty()) {
            return "";
        }
        return bounds.length == 1 ? "[" + bounds[0] + "-]" : "[" + bounds[0] + "-" + bounds[1] + "]";
    }
}
