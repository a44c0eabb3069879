package io.calamari.ceph.parse;

import io.calamari.ceph.model.Osd;
import io.calamari.ceph.model.OsdMap;
import io.calamari.ceph.model.Pool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Parses {@code osd dump -f json}. Required: {@code epoch}, {@code osds}, {@code pools} and each
 * OSD's id; flags come from {@code flags_set} (Pacific+) or the comma-separated {@code flags}.
 * Stateless.
 */
public final class OsdDumpParser {
    static final String COMMAND = "osd dump";

    private OsdDumpParser() {}

    public static OsdMap parse(byte[] json) {
        CephJson parser = new CephJson(COMMAND);
        return parse(parser, parser.read(json));
    }

    public static OsdMap parse(JsonNode root) {
        return parse(new CephJson(COMMAND), root);
    }

    private static OsdMap parse(CephJson json, JsonNode root) {
        json.requireObject(root, "the document");
        int epoch = json.requireInt(root, "epoch");
        List<Osd> osds = new ArrayList<>();
        for (JsonNode osd : CephJson.elements(json.requireArray(root, "osds"))) {
            osds.add(osd(json, osd));
        }
        List<Pool> pools = new ArrayList<>();
        for (JsonNode pool : CephJson.elements(json.requireArray(root, "pools"))) {
            pools.add(PoolParser.parse(json, pool));
        }
        return new OsdMap(epoch, CephJson.string(root, "", "fsid"), flags(root), osds, pools);
    }

    /** Ceph's flags plus {@code pause} when both {@code pauserd} and {@code pausewr} are set. */
    static Set<String> flags(JsonNode root) {
        Set<String> flags = new LinkedHashSet<>(CephJson.stringList(root, "flags_set"));
        CephJson.optionalString(root, "flags")
                .ifPresent(text -> Arrays.stream(text.split(","))
                        .map(String::trim)
                        .filter(flag -> !flag.isEmpty())
                        .forEach(flags::add));
        if (flags.contains("pauserd") && flags.contains("pausewr")) {
            flags.add("pause");
        }
        return flags;
    }

    private static Osd osd(CephJson json, JsonNode osd) {
        json.requireObject(osd, "an OSD");
        return new Osd(
                json.requireInt(osd, "osd", "id"),
                CephJson.string(osd, "", "uuid"),
                CephJson.optionalBoolean(osd, false, "up"),
                CephJson.optionalBoolean(osd, false, "in"),
                CephJson.optionalDouble(osd, 0.0, "weight", "reweight"),
                CephJson.optionalDouble(osd, 1.0, "primary_affinity"),
                Addresses.legacy(osd, "public_addr", "public_addrs"),
                Addresses.legacy(osd, "cluster_addr", "cluster_addrs"),
                Addresses.legacy(osd, "heartbeat_back_addr", "heartbeat_back_addrs"),
                Addresses.legacy(osd, "heartbeat_front_addr", "heartbeat_front_addrs"),
                CephJson.optionalInt(osd, 0, "up_from"),
                CephJson.optionalInt(osd, 0, "up_thru"),
                CephJson.optionalInt(osd, 0, "down_at"),
                CephJson.optionalInt(osd, 0, "lost_at"),
                CephJson.stringList(osd, "state"));
    }
}
