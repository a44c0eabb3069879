package io.calamari.tsdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Graphite series names: plain paths ({@code servers.node1.cpu.user}) and tagged series ({@code
 * disk.used;datacenter=dc1;rack=a1}, tags sorted as carbon does; OpenMetrics' {@code
 * name{tag="v"}} is accepted too).
 *
 * <p>Whisper turned dots into directories and stored anything else verbatim in file names. Here a
 * path must consist of non-empty nodes without whitespace, control characters, {@code /} or the
 * glob characters {@code *?[]{}}, so that every stored name can be found again by a pattern that
 * names it exactly. Stateless.
 */
public final class SeriesNames {
    /** Carbon's line limit; a longer name could never arrive over plaintext. */
    public static final int MAX_LENGTH = 16_384;

    private SeriesNames() {}

    /**
     * The canonical form of a name: the path unchanged, tags sorted by name.
     *
     * @throws IllegalArgumentException with the reason when the name is not valid
     */
    public static String normalize(String name) {
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("series name must be 1 to " + MAX_LENGTH + " characters");
        }
        int brace = name.indexOf('{');
        if (brace > 0 && name.endsWith("}")) {
            return normalizeTagged(
                    name.substring(0, brace), openMetricsTags(name.substring(brace + 1, name.length() - 1)));
        }
        int semicolon = name.indexOf(';');
        if (semicolon < 0) {
            validatePath(name);
            return name;
        }
        Map<String, String> tags = new TreeMap<>();
        for (String pair : name.substring(semicolon + 1).split(";", -1)) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("tag '" + pair + "' is not tag=value");
            }
            tags.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return normalizeTagged(name.substring(0, semicolon), tags);
    }

    /** Throws {@link IllegalArgumentException} with the reason when the name is not valid. */
    public static void validate(String name) {
        normalize(name);
    }

    /** Whether the name carries tags ({@code ;} after the path). */
    public static boolean isTagged(String normalizedName) {
        return normalizedName.indexOf(';') >= 0;
    }

    /** The path part of a name, without tags. */
    public static String path(String normalizedName) {
        int semicolon = normalizedName.indexOf(';');
        return semicolon < 0 ? normalizedName : normalizedName.substring(0, semicolon);
    }

    /** The tags of a normalised name, {@code name} first as graphite-web reports them. */
    public static Map<String, String> tags(String normalizedName) {
        Map<String, String> tags = new TreeMap<>();
        String[] parts = normalizedName.split(";", -1);
        tags.put("name", parts[0]);
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            tags.put(parts[i].substring(0, equals), parts[i].substring(equals + 1));
        }
        return tags;
    }

    /** The dot-separated nodes of a path. */
    public static List<String> nodes(String path) {
        List<String> nodes = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '.') {
                nodes.add(path.substring(start, i));
                start = i + 1;
            }
        }
        return nodes;
    }

    private static String normalizeTagged(String path, Map<String, String> tags) {
        validatePath(path);
        StringBuilder normalized = new StringBuilder(path);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            validateTag(tag.getKey(), tag.getValue());
            normalized.append(';').append(tag.getKey()).append('=').append(tag.getValue());
        }
        return normalized.toString();
    }

    private static Map<String, String> openMetricsTags(String body) {
        Map<String, String> tags = new TreeMap<>();
        int i = 0;
        while (i < body.length()) {
            int equals = body.indexOf('=', i);
            if (equals < 0 || equals + 1 >= body.length() || body.charAt(equals + 1) != '"') {
                throw new IllegalArgumentException("tags must be tag=\"value\" pairs");
            }
            int close = body.indexOf('"', equals + 2);
            if (close < 0) {
                throw new IllegalArgumentException("unterminated tag value");
            }
            tags.put(body.substring(i, equals).trim(), body.substring(equals + 2, close));
            i = close + 1;
            while (i < body.length() && (body.charAt(i) == ',' || body.charAt(i) == ' ')) {
                i++;
            }
        }
        return tags;
    }

    private static void validatePath(String path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("series path is empty");
        }
        int nodeStart = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.') {
                if (i == nodeStart) {
                    throw new IllegalArgumentException("series path '" + path + "' has an empty node");
                }
                nodeStart = i + 1;
            } else if (c <= ' ' || c == 0x7f || c == '/' || "*?[]{};".indexOf(c) >= 0) {
                throw new IllegalArgumentException(
                        "series path '" + path + "' contains '" + printable(c) + "', which is not allowed");
            }
        }
        if (nodeStart == path.length()) {
            throw new IllegalArgumentException("series path '" + path + "' has an empty node");
        }
    }

    private static void validateTag(String tag, String value) {
        if (tag.isEmpty() || containsAny(tag, ";!^=") || containsControl(tag)) {
            throw new IllegalArgumentException("tag name '" + tag + "' is empty or contains one of ;!^=");
        }
        if (value.isEmpty() || value.indexOf(';') >= 0 || value.startsWith("~") || containsControl(value)) {
            throw new IllegalArgumentException("value of tag '" + tag + "' is empty, contains ';' or starts with '~'");
        }
    }

    private static boolean containsAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < ' ' || text.charAt(i) == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static String printable(char c) {
        return c < ' ' || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
