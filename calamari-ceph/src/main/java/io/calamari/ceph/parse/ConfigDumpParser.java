package io.calamari.ceph.parse;

import io.calamari.ceph.model.ConfigEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Parses {@code config dump -f json} (the mon's central config database, an array of entries), and
 * a daemon's {@code config show} (one flat object of option name to value) via {@link
 * #parseShow}. Stateless.
 */
public final class ConfigDumpParser {
    static final String COMMAND = "config dump";
    static final String SHOW_COMMAND = "config show";

    private ConfigDumpParser() {}

    public static List<ConfigEntry> parse(byte[] json) {
        CephJson parser = new CephJson(COMMAND);
        return parse(parser, parser.read(json));
    }

    public static List<ConfigEntry> parse(JsonNode root) {
        return parse(new CephJson(COMMAND), root);
    }

    /** A daemon's {@code config show}: option name to value, all values as text. */
    public static Map<String, String> parseShow(byte[] json) {
        CephJson parser = new CephJson(SHOW_COMMAND);
        JsonNode root = parser.requireObject(parser.read(json), "the document");
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : CephJson.properties(root)) {
            JsonNode value = entry.getValue();
            result.put(entry.getKey(), value.isContainer() ? value.toString() : value.asString());
        }
        return result;
    }

    private static List<ConfigEntry> parse(CephJson json, JsonNode root) {
        if (!root.isArray()) {
            throw json.failure("expected an array of config entries");
        }
        List<ConfigEntry> entries = new ArrayList<>();
        for (JsonNode entry : root) {
            json.requireObject(entry, "a config entry");
            entries.add(new ConfigEntry(
                    CephJson.string(entry, "global", "section"),
                    json.requireString(entry, "name"),
                    CephJson.string(entry, "", "value"),
                    CephJson.string(entry, "", "level"),
                    CephJson.optionalBoolean(entry, false, "can_update_at_runtime"),
                    CephJson.string(entry, "", "mask")));
        }
        return entries;
    }
}
