package io.calamari.ceph.parse;

import io.calamari.ceph.model.OsdTree;
import io.calamari.ceph.model.OsdTreeNode;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Parses {@code osd tree -f json}: {@code nodes} (required) and {@code stray}. Stateless. */
public final class OsdTreeParser {
    static final String COMMAND = "osd tree";

    private OsdTreeParser() {}

    public static OsdTree parse(byte[] json) {
        CephJson parser = new CephJson(COMMAND);
        return parse(parser, parser.read(json));
    }

    public static OsdTree parse(JsonNode root) {
        return parse(new CephJson(COMMAND), root);
    }

    private static OsdTree parse(CephJson json, JsonNode root) {
        json.requireObject(root, "the document");
        List<OsdTreeNode> nodes = new ArrayList<>();
        for (JsonNode node : CephJson.elements(json.requireArray(root, "nodes"))) {
            nodes.add(node(json, node));
        }
        List<OsdTreeNode> stray = new ArrayList<>();
        for (JsonNode node : json.optionalArray(root, "stray")) {
            stray.add(node(json, node));
        }
        return new OsdTree(nodes, stray);
    }

    private static OsdTreeNode node(CephJson json, JsonNode node) {
        json.requireObject(node, "a tree node");
        return new OsdTreeNode(
                json.requireInt(node, "id"),
                CephJson.string(node, "", "name"),
                CephJson.string(node, "", "type"),
                CephJson.optionalInt(node, 0, "type_id"),
                CephJson.intList(node, "children"),
                CephJson.optionalDouble(node, 0.0, "crush_weight"),
                CephJson.optionalDouble(node, 0.0, "reweight"),
                CephJson.string(node, "", "status"),
                CephJson.string(node, "", "device_class"));
    }
}
