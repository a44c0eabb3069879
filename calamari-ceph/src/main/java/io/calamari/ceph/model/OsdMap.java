package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OSD map from {@code osd dump}: epoch, cluster flags, OSDs and pools. {@code flags} holds every
 * flag Ceph reports plus {@code pause} when both {@code pauserd} and {@code pausewr} are set (Ceph's
 * {@code osd pause} sets those two; Calamari shows them as one). Immutable.
 */
public record OsdMap(int epoch, String fsid, Set<String> flags, List<Osd> osds, List<Pool> pools) {
    /** The nine flags Calamari's {@code osd_config} resource exposes, in its order. */
    public static final List<String> CALAMARI_FLAGS =
            List.of("pause", "noup", "nodown", "noout", "noin", "nobackfill", "norecover", "noscrub", "nodeep-scrub");

    public OsdMap {
        requireNonNull(fsid, "fsid");
        flags = Set.copyOf(flags);
        osds = List.copyOf(osds);
        pools = List.copyOf(pools);
    }

    public Optional<Osd> osd(int id) {
        return osds.stream().filter(osd -> osd.id() == id).findFirst();
    }

    public Optional<Pool> pool(int id) {
        return pools.stream().filter(pool -> pool.id() == id).findFirst();
    }

    /** The nine Calamari flags as booleans, in {@link #CALAMARI_FLAGS} order. */
    public Map<String, Boolean> calamariFlags() {
        Map<String, Boolean> result = new LinkedHashMap<>();
        for (String flag : CALAMARI_FLAGS) {
            result.put(flag, flags.contains(flag));
        }
        return result;
    }
}
