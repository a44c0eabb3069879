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

    /**
     * A daemon's {@code config show}: option name to value, all values as text. Accepts both shapes
     * Ceph produces: the manager's list of {@code {"name", "value", "source"}} entries and the admin
     * socket's single object of name to value.
     */
    public static Map<String, String> parseShow(byte[] json) {
        CephJson parser = new CephJson(SHOW_COMMAND);
        JsonNode root = parser.read(json);
        Map<String, String> result = new LinkedHashMap<>();
        if (root.isArray()) {
            for (JsonNode entry : root) {
                JsonNode name = entry.get("name");
                JsonNode value = entry.get("value");
                if (name == null || value == null) {
                    throw parser.failure("expected entries with 'name' and 'value'");
                }
                result.put(name.asString(), text(value));
            }
            return result;
        }
        for (Map.Entry<String, JsonNode> entry : CephJson.properties(parser.requireObject(root, "the document"))) {
            result.put(entry.getKey(), text(entry.getValue()));
        }
        return result;
    }

    private static String text(JsonNode value) {
        return value.isContainer() ? value.toString() : value.asString();
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
