package io.calamari.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The OSD map's flags as Ceph numbers them ({@code CEPH_OSDMAP_*}), in the order Ceph prints
 * them, with the ones {@code osd set} and {@code osd unset} take. Stateless.
 */
final class OsdMapFlags {
    /** Name and bit of every flag the simulator shows, in {@code OSDMap::get_flag_string} order. */
    private static final Object[][] FLAGS = {
        {"full", 1 << 1},
        {"pauserd", 1 << 2},
        {"pausewr", 1 << 3},
        {"noup", 1 << 5},
        {"nodown", 1 << 6},
        {"noout", 1 << 7},
        {"noin", 1 << 8},
        {"nobackfill", 1 << 9},
        {"norebalance", 1 << 14},
        {"norecover", 1 << 10},
        {"noscrub", 1 << 11},
        {"nodeep-scrub", 1 << 12},
        {"notieragent", 1 << 13},
        {"nosnaptrim", 1 << 21},
        {"sortbitwise", 1 << 15},
        {"recovery_deletes", 1 << 19},
        {"purged_snapdirs", 1 << 20},
        {"pglog_hardlimit", 1 << 22},
    };

    /** What {@code osd set} accepts in Pacific ({@code pause} is {@code pauserd} and {@code pausewr}). */
    static final String SETTABLE = "full|pause|noup|nodown|noout|noin|nobackfill|norebalance|norecover|noscrub"
            + "|nodeep-scrub|notieragent|nosnaptrim|pglog_hardlimit";

    /** What {@code osd unset} accepts in Pacific. */
    static final String UNSETTABLE = "full|pause|noup|nodown|noout|noin|nobackfill|norebalance|norecover|noscrub"
            + "|nodeep-scrub|notieragent|nosnaptrim";

    static final int NOOUT = 1 << 7;
    static final int NOBACKFILL = 1 << 9;
    static final int NORECOVER = 1 << 10;
    static final int NOSCRUB = 1 << 11;
    static final int NODEEP_SCRUB = 1 << 12;
    static final int NOREBALANCE = 1 << 14;

    /** The flags of a new Pacific cluster: sortbitwise, recovery_deletes, purged_snapdirs, pglog_hardlimit. */
    static final int NEW_CLUSTER = 5799936;

    private OsdMapFlags() {}

    /** The bits {@code key} stands for, if {@code osd set} (or {@code unset}) takes it. */
    static Optional<Integer> bits(String key, boolean set) {
        if (!List.of((set ? SETTABLE : UNSETTABLE).split("\\|")).contains(key)) {
            return Optional.empty();
        }
        if (key.equals("pause")) {
            return Optional.of((1 << 2) | (1 << 3));
        }
        for (Object[] flag : FLAGS) {
            if (flag[0].equals(key)) {
                return Optional.of((Integer) flag[1]);
            }
        }
        return Optional.empty();
    }

    /** The names of the set flags, in Ceph's order. */
    static List<String> names(int flags) {
        List<String> names = new ArrayList<>();
        for (Object[] flag : FLAGS) {
            if ((flags & (Integer) flag[1]) != 0) {
                names.add((String) flag[0]);
            }
        }
        return names;
    }

    /** The names as {@code flags_set} lists them: sorted. */
    static String[] sortedNames(int flags) {
        return new TreeSet<>(names(flags)).toArray(new String[0]);
    }

    /** The flags an operator set, as {@code OSDMAP_FLAGS} reports them (the four of a new cluster left out). */
    static List<String> operatorNames(int flags) {
        return names(flags & ~NEW_CLUSTER);
    }
}
