package io.calamari.ceph.parse;

import io.calamari.ceph.model.Mon;
import io.calamari.ceph.model.MonMap;
import io.calamari.ceph.model.QuorumStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Parses {@code quorum_status -f json}, and also a mon's own {@code mon_status} (gone from the
 * {@code ceph} CLI since Pacific, still answered by {@code ceph tell mon.X mon_status} and the
 * admin socket), which has no {@code quorum_names} or {@code quorum_leader_name}: names are then
 * resolved through the embedded mon map and the leader is the mon whose {@code state} is {@code
 * leader}. Required: {@code election_epoch} and {@code quorum}. Stateless.
 */
public final class QuorumStatusParser {
    static final String COMMAND = "quorum_status";

    private QuorumStatusParser() {}

    public static QuorumStatus parse(byte[] json) {
        CephJson parser = new CephJson(COMMAND);
        return parse(parser, parser.read(json));
    }

    public static QuorumStatus parse(JsonNode root) {
        return parse(new CephJson(COMMAND), root);
    }

    private static QuorumStatus parse(CephJson json, JsonNode root) {
        json.requireObject(root, "the document");
        int electionEpoch = json.requireInt(root, "election_epoch");
        json.requireArray(root, "quorum");
        List<Integer> quorum = CephJson.intList(root, "quorum");
        Optional<MonMap> monMap =
                CephJson.first(root, "monmap").map(node -> MonDumpParser.parse(new CephJson(json.command()), node));
        List<String> names = CephJson.stringList(root, "quorum_names");
        if (names.isEmpty() && monMap.isPresent()) {
            names = new ArrayList<>();
            for (int rank : quorum) {
                monMap.get().byRank(rank).map(Mon::name).ifPresent(names::add);
            }
        }
        Optional<String> leader = CephJson.optionalString(root, "quorum_leader_name");
        if (leader.isEmpty() && "leader".equals(CephJson.string(root, "", "state"))) {
            leader = CephJson.optionalString(root, "name");
        }
        return new QuorumStatus(electionEpoch, quorum, names, leader, monMap);
    }
}
