package io.calamari.ceph.parse;

import io.calamari.ceph.model.CrushBucket;
import io.calamari.ceph.model.CrushDevice;
import io.calamari.ceph.model.CrushItem;
import io.calamari.ceph.model.CrushMap;
import io.calamari.ceph.model.CrushRule;
import io.calamari.ceph.model.CrushStep;
import io.calamari.ceph.model.CrushType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * Parses {@code osd crush dump -f json}. Bucket and item weights are raw 16.16 fixed point and are
 * divided by 65536. Quincy+ dropped {@code ruleset} (then equal to the rule id) and later {@code
 * min_size}/{@code max_size} (defaulted to 1 and 10). Stateless.
 */
public final class CrushDumpParser {
    static final String COMMAND = "osd crush dump";
    private static final double FIXED_POINT_ONE = 0x10000;

    private CrushDumpParser() {}

    public static CrushMap parse(byte[] json) {
        CephJson parser = new CephJson(COMMAND);
        return parse(parser, parser.read(json));
    }

    public static CrushMap parse(JsonNode root) {
        return parse(new CephJson(COMMAND), root);
    }

    private static CrushMap parse(CephJson json, JsonNode root) {
        json.requireObject(root, "the document");
        List<CrushType> types = new ArrayList<>();
        Map<Integer, String> typeNames = new HashMap<>();
        for (JsonNode type : json.optionalArray(root, "types")) {
            CrushType parsed = new CrushType(json.requireInt(type, "type_id", "id"), json.requireString(type, "name"));
            types.add(parsed);
            typeNames.put(parsed.id(), parsed.name());
        }
        List<CrushDevice> devices = new ArrayList<>();
        for (JsonNode device : json.optionalArray(root, "devices")) {
            devices.add(new CrushDevice(
                    json.requireInt(device, "id"),
                    CephJson.string(device, "", "name"),
                    CephJson.string(device, "", "class")));
        }
        List<CrushBucket> buckets = new ArrayList<>();
        for (JsonNode bucket : CephJson.elements(json.requireArray(root, "buckets"))) {
            buckets.add(bucket(json, bucket, typeNames));
        }
        List<CrushRule> rules = new ArrayList<>();
        for (JsonNode rule : CephJson.elements(json.requireArray(root, "rules"))) {
            rules.add(rule(json, rule));
        }
        return new CrushMap(devices, types, buckets, rules);
    }

    private static CrushBucket bucket(CephJson json, JsonNode bucket, Map<Integer, String> types) {
        json.requireObject(bucket, "a bucket");
        int typeId = CephJson.optionalInt(bucket, -1, "type_id");
        List<CrushItem> items = new ArrayList<>();
        for (JsonNode item : json.optionalArray(bucket, "items")) {
            items.add(new CrushItem(
                    json.requireInt(item, "id"),
                    CephJson.optionalLong(item, 0, "weight") / FIXED_POINT_ONE,
                    CephJson.optionalInt(item, items.size(), "pos")));
        }
        return new CrushBucket(
                json.requireInt(bucket, "id"),
                json.requireString(bucket, "name"),
                typeId,
                CephJson.optionalString(bucket, "type_name").orElse(types.getOrDefault(typeId, "")),
                CephJson.optionalLong(bucket, 0, "weight") / FIXED_POINT_ONE,
                CephJson.string(bucket, "", "alg"),
                CephJson.string(bucket, "", "hash"),
                items);
    }

    private static CrushRule rule(CephJson json, JsonNode rule) {
        json.requireObject(rule, "a rule");
        int id = json.requireInt(rule, "rule_id", "id");
        List<CrushStep> steps = new ArrayList<>();
        for (JsonNode step : json.optionalArray(rule, "steps")) {
            steps.add(new CrushStep(
                    json.requireString(step, "op"),
                    optionalInt(step, "item"),
                    CephJson.optionalString(step, "item_name"),
                    optionalInt(step, "num"),
                    CephJson.optionalString(step, "type")));
        }
        return new CrushRule(
                id,
                CephJson.string(rule, "", "rule_name", "name"),
                CephJson.optionalInt(rule, id, "ruleset"),
                ruleType(rule),
                CephJson.optionalInt(rule, 1, "min_size"),
                CephJson.optionalInt(rule, 10, "max_size"),
                steps);
    }

    private static int ruleType(JsonNode rule) {
        return CephJson.optionalString(rule, "type")
                .map(type -> switch (type) {
                    case "replicated" -> 1;
                    case "erasure" -> 3;
                    default -> CephJson.optionalInt(rule, 1, "type");
                })
                .orElse(1);
    }

    private static OptionalInt optionalInt(JsonNode node, String name) {
        OptionalLong value = CephJson.first(node, name).map(CephJson::toLong).orElse(OptionalLong.empty());
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }
}
