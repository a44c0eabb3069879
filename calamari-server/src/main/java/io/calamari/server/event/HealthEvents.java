package io.calamari.server.event;

import io.calamari.ceph.model.HealthCheck;
import io.calamari.ceph.model.HealthReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Events between two health reports: the overall status getting worse or better (Calamari's texts),
 * and each health check raised or cleared by its code (Calamari predates health checks). Mutes are
 * ignored: the timeline records what Ceph reported, muted or not. Stateless.
 */
final class HealthEvents {
    private static final Map<String, Integer> RANKS = Map.of("HEALTH_OK", 0, "HEALTH_WARN", 1, "HEALTH_ERR", 2);

    private HealthEvents() {}

    static List<Event> between(EventContext sink, HealthReport previous, HealthReport next) {
        List<Event> events = new ArrayList<>();
        overall(sink, previous.status(), next.status()).ifPresent(events::add);
        events.addAll(checks(sink, previous.checks(), next.checks()));
        return events;
    }

    private static Optional<Event> overall(EventContext sink, String previous, String next) {
        Integer previousRank = RANKS.get(previous);
        Integer nextRank = RANKS.get(next);
        if (previousRank == null || nextRank == null || previousRank.equals(nextRank)) {
            return Optional.empty();
        }
        if (nextRank > previousRank) {
            return Optional.of(sink.cluster(
                    severityOf(next), "Health of cluster '%s' degraded from %s to %s", sink.name(), previous, next));
        }
        return Optional.of(sink.cluster(
                Severity.RECOVERY, "Health of cluster '%s' recovered from %s to %s", sink.name(), previous, next));
    }

    private static List<Event> checks(
            EventContext sink, Map<String, HealthCheck> previous, Map<String, HealthCheck> next) {
        TreeSet<String> codes = new TreeSet<>(previous.keySet());
        codes.addAll(next.keySet());
        List<Event> events = new ArrayList<>();
        for (String code : codes) {
            HealthCheck before = previous.get(code);
            HealthCheck after = next.get(code);
            if (before == null && after != null) {
                events.add(sink.cluster(
                        severityOf(after.severity()), "Health check %s raised: %s", code, after.summary()));
            } else if (before != null && after == null) {
                events.add(sink.cluster(Severity.RECOVERY, "Health check %s cleared", code));
            }
        }
        return events;
    }

    /** ERROR for {@code HEALTH_ERR}, else WARNING (as Calamari maps a worsened overall status). */
    private static Severity severityOf(String healthStatus) {
        return "HEALTH_ERR".equals(healthStatus) ? Severity.ERROR : Severity.WARNING;
    }
}
