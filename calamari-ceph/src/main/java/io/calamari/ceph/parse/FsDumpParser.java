package io.calamari.ceph.parse;

import io.calamari.ceph.model.Filesystem;
import io.calamari.ceph.model.FsMap;
import io.calamari.ceph.model.MdsInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Parses {@code fs dump -f json}. Also accepts a single pre-Jewel {@code mds dump} MDS map (no
 * {@code filesystems}, {@code info} at the top), read as one file system. Each MDS {@code info}
 * entry may be an object keyed by {@code gid_N} or an array. Stateless.
 */
public final class FsDumpParser {
    static final String COMMAND = "fs dump";

    private FsDumpParser() {}

    public static FsMap parse(byte[] json) {
        CephJson parser = new CephJson(COMMAND);
        return parse(parser, parser.read(json));
    }

    public static FsMap parse(JsonNode root) {
        return parse(new CephJson(COMMAND), root);
    }

    private static FsMap parse(CephJson json, JsonNode root) {
        json.requireObject(root, "the document");
        int epoch = json.requireInt(root, "epoch");
        List<Filesystem> filesystems = new ArrayList<>();
        if (CephJson.first(root, "filesystems").isPresent()) {
            for (JsonNode filesystem : json.optionalArray(root, "filesystems")) {
                JsonNode mdsMap = json.requireField(filesystem, "mdsmap");
                filesystems.add(filesystem(json, CephJson.optionalInt(filesystem, 0, "id"), mdsMap));
            }
        } else if (root.path("info").isObject() || root.path("info").isArray()) {
            filesystems.add(filesystem(json, 0, root));
        } else {
            throw json.failure("missing field 'filesystems'");
        }
        List<MdsInfo> standbys = new ArrayList<>();
        for (JsonNode standby : json.optionalArray(root, "standbys")) {
            standbys.add(mds(json, standby));
        }
        return new FsMap(epoch, filesystems, standbys);
    }

    private static Filesystem filesystem(CephJson json, int id, JsonNode mdsMap) {
        List<MdsInfo> mds = new ArrayList<>();
        JsonNode info = mdsMap.path("info");
        if (info.isObject()) {
            for (Map.Entry<String, JsonNode> entry : CephJson.properties(info)) {
                mds.add(mds(json, entry.getValue()));
            }
        } else if (info.isArray()) {
            for (JsonNode entry : info) {
                mds.add(mds(json, entry));
            }
        }
        return new Filesystem(
                id,
                CephJson.string(mdsMap, "", "fs_name"),
                CephJson.optionalInt(mdsMap, 0, "epoch"),
                CephJson.optionalInt(mdsMap, 1, "max_mds"),
                CephJson.intList(mdsMap, "in"),
                mds,
                CephJson.optionalInt(mdsMap, -1, "metadata_pool"),
                CephJson.intList(mdsMap, "data_pools"));
    }

    private static MdsInfo mds(CephJson json, JsonNode mds) {
        json.requireObject(mds, "an MDS info entry");
        return new MdsInfo(
                CephJson.optionalLong(mds, 0, "gid"),
                json.requireString(mds, "name"),
                CephJson.string(mds, "", "state"),
                CephJson.optionalInt(mds, -1, "rank"));
    }
}
