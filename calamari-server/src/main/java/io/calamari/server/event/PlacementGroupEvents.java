package io.calamari.server.event;

import io.calamari.ceph.model.PgSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Events between two PG summaries, one per cluster and never one per PG: PGs becoming inactive
 * (any state without {@code active}, {@code unknown} included) or degraded (a state with {@code
 * degraded}) when there were none, and the last of them recovering. Counts that merely change
 * while some PGs stay in trouble produce no event, so that recovery does not flood the timeline.
 * Calamari had no PG events. Stateless.
 */
final class PlacementGroupEvents {
    private PlacementGroupEvents() {}

    static List<Event> between(EventContext sink, PgSummary previous, PgSummary next) {
        List<Event> events = new ArrayList<>();
        long inactiveBefore = count(previous.all(), false, "active");
        long inactiveAfter = count(next.all(), false, "active");
        if (inactiveBefore == 0 && inactiveAfter > 0) {
            events.add(sink.cluster(
                    Severity.WARNING, "%s inactive in cluster '%s'", placementGroups(inactiveAfter), sink.name()));
        } else if (inactiveBefore > 0 && inactiveAfter == 0) {
            events.add(sink.cluster(Severity.RECOVERY, "All PGs active in cluster '%s'", sink.name()));
        }
        long degradedBefore = count(previous.all(), true, "degraded");
        long degradedAfter = count(next.all(), true, "degraded");
        if (degradedBefore == 0 && degradedAfter > 0) {
            events.add(sink.cluster(
                    Severity.WARNING, "%s degraded in cluster '%s'", placementGroups(degradedAfter), sink.name()));
        } else if (degradedBefore > 0 && degradedAfter == 0) {
            events.add(sink.cluster(Severity.RECOVERY, "No PGs degraded in cluster '%s'", sink.name()));
        }
        return events;
    }

    /** The PGs whose '+'-joined state has (or, when {@code having} is false, lacks) the component. */
    private static long count(Map<String, Long> countsByState, boolean having, String component) {
        long total = 0;
        for (Map.Entry<String, Long> entry : countsByState.entrySet()) {
            boolean has = Arrays.asList(entry.getKey().split("\\+")).contains(component);
            if (has == having) {
                total += entry.getValue();
            }
        }
        return total;
    }

    private static String placementGroups(long count) {
        return count == 1 ? "1 PG" : count + " PGs";
    }
}
