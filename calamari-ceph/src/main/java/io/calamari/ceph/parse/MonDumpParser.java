package io.calamari.ceph.parse;

import io.calamari.ceph.model.Mon;
import io.calamari.ceph.model.MonMap;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Parses {@code mon dump -f json}, and the {@code monmap} embedded in {@code quorum_status} and
 * {@code mon_status}. Required: {@code epoch}, {@code mons} and each mon's name and rank.
 * Stateless.
 */
public final class MonDumpParser {
    static final String COMMAND = "mon dump";

    private MonDumpParser() {}

    public static MonMap parse(byte[] json) {
        CephJson parser = new CephJson(COMMAND);
        return parse(parser, parser.read(json));
    }

    public static MonMap parse(JsonNode root) {
        return parse(new CephJson(COMMAND), root);
    }

    static MonMap parse(CephJson json, JsonNode root) {
        json.requireObject(root, "the mon map");
        List<Mon> mons = new ArrayList<>();
        for (JsonNode mon : CephJson.elements(json.requireArray(root, "mons"))) {
            json.requireObject(mon, "a mon");
            String address = Addresses.legacy(mon, "addr", "public_addrs");
            if (address.isEmpty()) {
                address = CephJson.string(mon, "", "public_addr");
            }
            mons.add(new Mon(
                    json.requireString(mon, "name"),
                    json.requireInt(mon, "rank"),
                    address,
                    Addresses.typed(mon.path("public_addrs"))));
        }
        return new MonMap(json.requireInt(root, "epoch"), CephJson.string(root, "", "fsid"), mons);
    }
}
