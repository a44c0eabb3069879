package io.calamari.ceph.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Ceph addresses in both shapes: the legacy {@code ip:port/nonce} string and the Nautilus+ address
 * vector {@code {"addrvec": [{"type": "v2", "addr": "ip:port", "nonce": n}]}}. Stateless.
 */
final class Addresses {
    private Addresses() {}

    /**
     * The legacy address: the string field if present, else the v1 entry (or the first) of the
     * vector field, else empty.
     */
    static String legacy(JsonNode node, String legacyName, String vectorName) {
        Optional<String> legacy = CephJson.optionalString(node, legacyName);
        if (legacy.isPresent()) {
            return legacy.get();
        }
        List<JsonNode> vector = vector(node.path(vectorName));
        JsonNode chosen = null;
        for (JsonNode entry : vector) {
            if (chosen == null || "v1".equals(entry.path("type").asString(""))) {
                chosen = entry;
            }
        }
        if (chosen == null) {
            return "";
        }
        return chosen.path("addr").asString("") + "/" + CephJson.optionalLong(chosen, 0, "nonce");
    }

    /** Every vector entry as {@code type:ip:port/nonce}. */
    static List<String> typed(JsonNode vectorField) {
        List<String> result = new ArrayList<>();
        for (JsonNode entry : vector(vectorField)) {
            result.add(entry.path("type").asString("")
                    + ":"
                    + entry.path("addr").asString("")
                    + "/"
                    + CephJson.optionalLong(entry, 0, "nonce"));
        }
        return result;
    }

    private static List<JsonNode> vector(JsonNode vectorField) {
        JsonNode entries = vectorField.isArray() ? vectorField : vectorField.path("addrvec");
        return entries.isArray() ? CephJson.elements(entries) : List.of();
    }
}
