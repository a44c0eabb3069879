package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OSD map from {@code osd dump}: epoch, cluster flags, OSDs and pools. {@code flags} holds every
 * flag Ceph reports plus {@code pause} when both {@code pauserd} and {@code pausewr} are set (Ceph's
 * {@code osd pause} sets those two; Calamari shows them as one). The OSDs are kept in id order (as
 * Ceph lists them), so that one is found by binary search. Immutable.
 */
public record OsdMap(int epoch, String fsid, Set<String> flags, List<Osd> osds, List<Pool> pools) {
    /** The nine flags Calamari's {@code osd_config} resource exposes, in its order. */
    public static final List<String> CALAMARI_FLAGS =
            List.of("pause", "noup", "nodown", "noout", "noin", "nobackfill", "norecover", "noscrub", "nodeep-scrub");

    public OsdMap {
        requireNonNull(fsid, "fsid");
        flags = Set.copyOf(flags);
        osds = inIdOrder(osds);
        pools = List.copyOf(pools);
    }

    private static List<Osd> inIdOrder(List<Osd> osds) {
        for (int index = 1; index < osds.size(); index++) {
            if (osds.get(index - 1).id() > osds.get(index).id()) {
                return osds.stream().sorted(Comparator.comparingInt(Osd::id)).toList();
            }
        }
        return List.copyOf(osds);
    }

    public Optional<Osd> osd(int id) {
        int low = 0;
        int high = osds.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int found = osds.get(middle).id();
            if (found == id) {
                return Optional.of(osds.get(middle));
            }
            if (found < id) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return Optional.empty();
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
