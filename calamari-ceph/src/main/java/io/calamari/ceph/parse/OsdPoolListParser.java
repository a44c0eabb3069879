package io.calamari.ceph.parse;

import io.calamari.ceph.model.Pool;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Parses {@code osd pool ls detail -f json}: a bare array of pool objects. Stateless. */
public final class OsdPoolListParser {
    static final String COMMAND = "osd pool ls detail";

    private OsdPoolListParser() {}

    public static List<Pool> parse(byte[] json) {
        CephJson parser = new CephJson(COMMAND);
        return parse(parser, parser.read(json));
    }

    public static List<Pool> parse(JsonNode root) {
        return parse(new CephJson(COMMAND), root);
    }

    private static List<Pool> parse(CephJson json, JsonNode root) {
        JsonNode array = root.isArray() ? root : json.requireArray(root, "pools");
        List<Pool> pools = new ArrayList<>();
        for (JsonNode pool : array) {
            pools.add(PoolParser.parse(json, pool));
        }
        return pools;
    }
}
