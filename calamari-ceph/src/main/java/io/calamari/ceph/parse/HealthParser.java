package io.calamari.ceph.parse;

import io.calamari.ceph.model.HealthCheck;
import io.calamari.ceph.model.HealthReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Parses {@code health detail -f json} (and the {@code health} object of {@code status}). Accepts
 * {@code status} or the pre-Luminous {@code overall_status}; {@code checks} as an object keyed by
 * code (Luminous+) or as an array of objects carrying {@code code}/{@code type}; a summary given as
 * an object with {@code message} or as a plain string; details as objects or strings. Stateless.
 */
public final class HealthParser {
    static final String COMMAND = "health detail";

    private HealthParser() {}

    public static HealthReport parse(byte[] json) {
        CephJson parser = new CephJson(COMMAND);
        return parse(parser, parser.read(json));
    }

    public static HealthReport parse(JsonNode root) {
        return parse(new CephJson(COMMAND), root);
    }

    static HealthReport parse(CephJson json, JsonNode root) {
        json.requireObject(root, "the health report");
        String status = json.requireString(root, "status", "overall_status");
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        JsonNode checkNodes = root.path("checks");
        if (checkNodes.isObject()) {
            for (Map.Entry<String, JsonNode> entry : CephJson.properties(checkNodes)) {
                checks.put(entry.getKey(), check(json, entry.getKey(), entry.getValue()));
            }
        } else if (checkNodes.isArray()) {
            for (JsonNode node : checkNodes) {
                String code = json.requireString(node, "code", "type");
                checks.put(code, check(json, code, node));
            }
        }
        List<String> muted = new ArrayList<>();
        for (JsonNode mute : json.optionalArray(root, "mutes")) {
            CephJson.optionalString(mute, "code").ifPresent(muted::add);
        }
        return new HealthReport(status, checks, muted);
    }

    private static HealthCheck check(CephJson json, String code, JsonNode check) {
        json.requireObject(check, "health check " + code);
        JsonNode summary = check.path("summary");
        String message = summary.isObject()
                ? CephJson.string(summary, "", "message")
                : CephJson.string(check, "", "summary", "message");
        List<String> details = new ArrayList<>();
        for (JsonNode detail : json.optionalArray(check, "detail", "details")) {
            if (detail.isObject()) {
                CephJson.optionalString(detail, "message").ifPresent(details::add);
            } else if (!detail.isNull()) {
                details.add(detail.asString());
            }
        }
        return new HealthCheck(
                code,
                CephJson.string(check, "", "severity"),
                message,
                details,
                summary.isObject() ? CephJson.optionalLong(summary, 0, "count") : 0,
                CephJson.optionalBoolean(check, false, "muted"));
    }
}
