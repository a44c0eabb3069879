package io.calamari.server.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the "what" of an audit entry: the method and the route pattern, then the request body as
 * compact JSON in which every field whose name contains {@code password}, {@code secret} or
 * {@code token} (in any case, at any depth) is replaced by {@code "********"}. A body that is not JSON
 * cannot be redacted reliably, so only its size is kept. The text is cut to {@link #MAX_BYTES} bytes
 * of UTF-8. For example:
 *
 * <pre>
 * PATCH /api/v2/user/{id} {"password":"********","email":"ops@example.com"}
 * </pre>
 *
 * Thread-safe.
 */
public final class AuditAction {
    /** The longest action stored, in bytes of UTF-8 (4 KiB). */
    public static final int MAX_BYTES = 4096;

    static final String REDACTED = "********";

    private static final List<String> SECRET_WORDS = List.of("password", "secret", "token");
    private static final String ELLIPSIS = "…";

    private final ObjectMapper mapper;

    public AuditAction(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper");
    }

    /** The action text for a request of this method to this route with this raw body. */
    public String describe(String method, String route, String body) {
        String summary = method + " " + route;
        return truncate(body.isBlank() ? summary : summary + " " + redacted(body));
    }

    private String redacted(String body) {
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (JacksonException e) {
            return "<not JSON, " + body.getBytes(UTF_8).length + " bytes, not recorded>";
        }
        redact(tree);
        return mapper.writeValueAsString(tree);
    }

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                if (isSecret(name)) {
                    object.put(name, REDACTED);
                } else {
                    redact(object.get(name));
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.values().forEach(AuditAction::redact);
        }
    }

    private static boolean isSecret(String fieldName) {
        String name = fieldName.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(name::contains);
    }

    /** The text itself if it fits in {@link #MAX_BYTES}, else its longest prefix that fits with "…". */
    static String truncate(String text) {
        if (text.getBytes(UTF_8).length <= MAX_BYTES) {
            return text;
        }
        int budget = MAX_BYTES - ELLIPSIS.getBytes(UTF_8).length;
        StringBuilder prefix = new StringBuilder();
        int used = 0;
        int index = 0;
        while (index < text.length()) {
            int codePoint = text.codePointAt(index);
            int size = utf8Length(codePoint);
            if (used + size > budget) {
                break;
            }
            prefix.appendCodePoint(codePoint);
            used += size;
            index += Character.charCount(codePoint);
        }
        return prefix.append(ELLIPSIS).toString();
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
