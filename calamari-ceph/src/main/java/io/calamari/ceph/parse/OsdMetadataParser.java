package io.calamari.ceph.parse;

import io.calamari.ceph.model.OsdMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Parses {@code osd metadata -f json} for all OSDs (an array of objects keyed by {@code id}) or for
 * one OSD (a single object, where {@code id} may be absent and is then taken from the caller).
 * Stateless.
 */
public final class OsdMetadataParser {
    static final String COMMAND = "osd metadata";

    private OsdMetadataParser() {}

    public static List<OsdMetadata> parse(byte[] json) {
        CephJson parser = new CephJson(COMMAND);
        return parse(parser, parser.read(json));
    }

    public static List<OsdMetadata> parse(JsonNode root) {
        return parse(new CephJson(COMMAND), root);
    }

    /** The metadata of one OSD, from {@code osd metadata <id>}. */
    public static OsdMetadata parseOne(int osd, JsonNode root) {
        CephJson json = new CephJson(COMMAND);
        json.requireObject(root, "the document");
        return new OsdMetadata(CephJson.optionalInt(root, osd, "id", "osd"), fields(root, new HashMap<>()));
    }

    private static List<OsdMetadata> parse(CephJson json, JsonNode root) {
        if (!root.isArray()) {
            throw json.failure("expected an array of OSD metadata objects");
        }
        List<OsdMetadata> result = new ArrayList<>();
        Map<String, String> distinctValues = new HashMap<>();
        for (JsonNode entry : root) {
            json.requireObject(entry, "an OSD metadata entry");
            result.add(new OsdMetadata(json.requireInt(entry, "id", "osd"), fields(entry, distinctValues)));
        }
        return result;
    }

    /**
     * The entry's fields; equal values (most are: versions, kernels, device types) share one String
     * through {@code distinctValues}, which keeps thousands of OSDs' metadata small.
     */
    private static Map<String, String> fields(JsonNode entry, Map<String, String> distinctValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : CephJson.properties(entry)) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            String text = value.isContainer() ? value.toString() : value.asString();
            fields.put(field.getKey(), distinctValues.computeIfAbsent(text, same -> same));
        }
        return fields;
    }
}
