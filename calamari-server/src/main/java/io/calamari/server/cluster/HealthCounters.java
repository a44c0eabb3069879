package io.calamari.server.cluster;

import io.calamari.ceph.model.Filesystem;
import io.calamari.ceph.model.FsMap;
import io.calamari.ceph.model.Mon;
import io.calamari.ceph.model.MonMap;
import io.calamari.ceph.model.Osd;
import io.calamari.ceph.model.OsdMap;
import io.calamari.ceph.model.PgSummary;
import io.calamari.ceph.model.QuorumStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Calamari's v1 {@code health_counters}: OSDs, mons, MDS daemons and PGs sorted into ok / warn /
 * critical, exactly by the rules of Calamari's dashboard API (reference §1.4). Pure and stateless.
 *
 * <ul>
 *   <li>OSDs: ok = up and in ({@code up/in}); warn = up and out ({@code up/out}) or down and in
 *       ({@code down/in}); critical = down and out ({@code down/out}).
 *   <li>Mons: ok = in quorum ({@code in}); warn always 0; critical = not in quorum ({@code out}).
 *   <li>MDS: flat {@code total}, {@code up_in}, {@code up_not_in}, {@code not_up_not_in} over every
 *       file system's MDS daemons plus the standbys; a daemon with a rank is up.
 *   <li>PGs: each combined state ({@code active+clean+remapped}) is split on {@code +} and lower-cased;
 *       it is critical if a component is in {@link #PG_CRITICAL} or in no set at all (such as
 *       {@code unknown}), else warn if one is in {@link #PG_WARN}, else ok. The
 *       PGs count once in their category, under the first component (in state order) that decided
 *       it; a component of the critical set decides before an unknown one.
 * </ul>
 *
 * Each ok/warn/critical entry is {@code {"count": n, "states": {label: n}}}, with only non-zero labels.
 */
public final class HealthCounters {
    /** Calamari's critical states, and Pacific's that mean no service or lost data (decision 26). */
    public static final Set<String> PG_CRITICAL = Set.of(
            "stale",
            "down",
            "peering",
            "inconsistent",
            "incomplete",
            "inactive",
            "peered",
            "recovery_unfound",
            "backfill_unfound",
            "snaptrim_error",
            "failed_repair");
    /**
     * Calamari's warning states, and Pacific's that mean work in progress on an available PG:
     * {@code backfill_wait} is Calamari's {@code wait_backfill} renamed, {@code deep} qualifies a
     * scrub, {@code undersized} a degraded PG (decision 26).
     */
    public static final Set<String> PG_WARN = Set.of(
            "creating",
            "recovery_wait",
            "recovering",
            "replay",
            "splitting",
            "degraded",
            "remapped",
            "scrubbing",
            "repair",
            "wait_backfill",
            "backfilling",
            "backfill_toofull",
            "backfill_wait",
            "deep",
            "undersized",
            "activating",
            "forced_recovery",
            "forced_backfill",
            "recovery_toofull",
            "snaptrim",
            "snaptrim_wait",
            "premerge",
            "laggy",
            "wait");

    public static final Set<String> PG_OK = Set.of("active", "clean");

    private static final List<String> CATEGORIES = List.of("ok", "warn", "critical");

    private HealthCounters() {}

    /** The OSD counters of an OSD map. */
    public static Map<String, Object> osds(OsdMap map) {
        Counters counters = new Counters();
        for (Osd osd : map.osds()) {
            if (osd.up() && osd.in()) {
                counters.add("ok", "up/in", 1);
            } else if (osd.up()) {
                counters.add("warn", "up/out", 1);
            } else if (osd.in()) {
                counters.add("warn", "down/in", 1);
            } else {
                counters.add("critical", "down/out", 1);
            }
        }
        return counters.toMap();
    }

    /** The mon counters: the mon map's mons against the quorum (every mon is out without a quorum). */
    public static Map<String, Object> mons(Optional<MonMap> monMap, Optional<QuorumStatus> quorum) {
        Counters counters = new Counters();
        List<Mon> mons = monMap.or(() -> quorum.flatMap(QuorumStatus::monMap))
                .map(MonMap::mons)
                .orElse(List.of());
        List<String> inQuorum = quorum.map(QuorumStatus::quorumNames).orElse(List.of());
        for (Mon mon : mons) {
            if (inQuorum.contains(mon.name())) {
                counters.add("ok", "in", 1);
            } else {
                counters.add("critical", "out", 1);
            }
        }
        return counters.toMap();
    }

    /** The MDS counters of an FS map (all zero without one). */
    public static Map<String, Object> mds(Optional<FsMap> fsMap) {
        long total = 0;
        long in = 0;
        long up = 0;
        if (fsMap.isPresent()) {
            for (Filesystem filesystem : fsMap.get().filesystems()) {
                total += filesystem.mds().size();
                in += filesystem.in().size();
                up += filesystem.mds().stream().filter(mds -> mds.rank() >= 0).count();
            }
            total += fsMap.get().standbys().size();
            up += fsMap.get().standbys().stream().filter(mds -> mds.rank() >= 0).count();
        }
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("total", total);
        counters.put("up_in", in);
        counters.put("up_not_in", Math.max(0, up - in));
        counters.put("not_up_not_in", Math.max(0, total - up));
        return counters;
    }

    /** The PG counters of a PG summary, from its cluster-wide counts per combined state. */
    public static Map<String, Object> pgs(PgSummary summary) {
        Counters counters = new Counters();
        new TreeMap<>(summary.all()).forEach((combined, count) -> {
            Classification classification = classify(combined);
            counters.add(classification.category(), classification.state(), count);
        });
        return counters.toMap();
    }

    /** The category of one combined PG state and the component state that decided it. */
    public record Classification(String category, String state) {}

    public static Classification classify(String combined) {
        String[] components = combined.toLowerCase(Locale.ROOT).split("\\+");
        for (String component : components) {
            if (PG_CRITICAL.contains(component)) {
                return new Classification("critical", component);
            }
        }
        for (String component : components) {
            if (!PG_WARN.contains(component) && !PG_OK.contains(component)) {
                return new Classification("critical", component);
            }
        }
        for (String component : components) {
            if (PG_WARN.contains(component)) {
                return new Classification("warn", component);
            }
        }
        return new Classification("ok", components.length == 0 ? combined : components[0]);
    }

    /** ok / warn / critical, each with a count and counts per label. */
    private static final class Counters {
        private final Map<String, Long> counts = new LinkedHashMap<>();
        private final Map<String, Map<String, Long>> states = new LinkedHashMap<>();

        Counters() {
            for (String category : CATEGORIES) {
                counts.put(category, 0L);
                states.put(category, new TreeMap<>());
            }
        }

        void add(String category, String label, long count) {
            counts.merge(category, count, Long::sum);
            states.computeIfAbsent(category, ignored -> new TreeMap<>()).merge(label, count, Long::sum);
        }

        Map<String, Object> toMap() {
            Map<String, Object> result = new LinkedHashMap<>();
            for (String category : CATEGORIES) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("count", counts.get(category));
                entry.put("states", states.get(category));
                result.put(category, entry);
            }
            return result;
        }
    }
}
