package io.calamari.server.event;

import io.calamari.ceph.model.Osd;
import io.calamari.ceph.model.OsdMap;
import io.calamari.ceph.model.Pool;
import io.calamari.server.cluster.OsdMapPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Events between two OSD map epochs. With Calamari's texts: OSDs added to and removed from the map,
 * going down and coming up; pools added and removed. Beyond Calamari: OSDs marked out (WARNING: the
 * cluster moves data off them) and back in (RECOVERY); pools renamed (INFO); any of Calamari's nine
 * cluster flags set (WARNING, as Ceph's own {@code OSDMAP_FLAGS} check) and unset (RECOVERY). An
 * OSD's host is the one the OSD map's index gives, from the newer map when it knows. Stateless.
 */
final class OsdMapEvents {
    private OsdMapEvents() {}

    static List<Event> between(EventContext sink, OsdMapPart previous, OsdMapPart next) {
        List<Event> events = new ArrayList<>();
        events.addAll(osds(sink, previous, next));
        events.addAll(pools(sink, previous.map(), next.map()));
        events.addAll(flags(sink, previous.map(), next.map()));
        return events;
    }

    private static List<Event> osds(EventContext sink, OsdMapPart previous, OsdMapPart next) {
        Map<Integer, Osd> before = byId(previous.map().osds(), Osd::id);
        Map<Integer, Osd> after = byId(next.map().osds(), Osd::id);
        TreeSet<Integer> ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        List<Event> events = new ArrayList<>();
        for (int id : ids) {
            Optional<String> host =
                    next.index().host(id).or(() -> previous.index().host(id));
            String on = EventContext.onHost(host);
            String osd = sink.name() + "." + id;
            Osd old = before.get(id);
            Osd current = after.get(id);
            if (current == null) {
                events.add(osd(sink, Severity.INFO, host, id, "OSD " + osd + on + " removed from the cluster map"));
            } else if (old == null) {
                events.add(osd(sink, Severity.INFO, host, id, "OSD " + osd + on + " added to the cluster map"));
            } else {
                if (old.up() && !current.up()) {
                    events.add(osd(sink, Severity.WARNING, host, id, "OSD " + osd + " went down" + on));
                } else if (!old.up() && current.up()) {
                    events.add(osd(sink, Severity.RECOVERY, host, id, "OSD " + osd + " came up" + on));
                }
                if (old.in() && !current.in()) {
                    events.add(osd(sink, Severity.WARNING, host, id, "OSD " + osd + " marked out" + on));
                } else if (!old.in() && current.in()) {
                    events.add(osd(sink, Severity.RECOVERY, host, id, "OSD " + osd + " marked in" + on));
                }
            }
        }
        return events;
    }

    private static Event osd(EventContext sink, Severity severity, Optional<String> host, int id, String message) {
        return sink.service(severity, host, "osd", Integer.toString(id), message);
    }

    private static List<Event> pools(EventContext sink, OsdMap previous, OsdMap next) {
        Map<Integer, Pool> before = byId(previous.pools(), Pool::id);
        Map<Integer, Pool> after = byId(next.pools(), Pool::id);
        TreeSet<Integer> ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        List<Event> events = new ArrayList<>();
        for (int id : ids) {
            String pool = "pool " + sink.name() + "." + id;
            Pool old = before.get(id);
            Pool current = after.get(id);
            if (current == null) {
                events.add(pool(sink, id, pool + " removed from cluster " + sink.name()));
            } else if (old == null) {
                events.add(pool(sink, id, pool + " added to cluster " + sink.name()));
            } else if (!old.name().equals(current.name())) {
                events.add(pool(sink, id, pool + " renamed from '" + old.name() + "' to '" + current.name() + "'"));
            }
        }
        return events;
    }

    private static Event pool(EventContext sink, int id, String message) {
        return sink.service(Severity.INFO, Optional.empty(), "pool", Integer.toString(id), message);
    }

    private static List<Event> flags(EventContext sink, OsdMap previous, OsdMap next) {
        List<Event> events = new ArrayList<>();
        for (String flag : OsdMap.CALAMARI_FLAGS) {
            boolean was = previous.flags().contains(flag);
            boolean is = next.flags().contains(flag);
            if (!was && is) {
                events.add(sink.cluster(Severity.WARNING, "Flag %s set on cluster '%s'", flag, sink.name()));
            } else if (was && !is) {
                events.add(sink.cluster(Severity.RECOVERY, "Flag %s unset on cluster '%s'", flag, sink.name()));
            }
        }
        return events;
    }

    private static <T> Map<Integer, T> byId(List<T> items, Function<T, Integer> id) {
        return items.stream()
                .collect(Collectors.toMap(id, Function.identity(), (first, second) -> first, TreeMap::new));
    }
}
