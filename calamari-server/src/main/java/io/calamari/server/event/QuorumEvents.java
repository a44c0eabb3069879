package io.calamari.server.event;

import io.calamari.ceph.model.QuorumStatus;
import io.calamari.server.mon.MonQuorum;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Events between two quorum statuses: mons joining and leaving quorum, and a new quorum leader,
 * with Calamari's texts, each ending with Calamari's {@code (on <host>)}. Mons are named by name
 * (Calamari looked ranks up in the mon map, which names the same mons). Each event is associated
 * with the mon's server as the server inventory names it ({@link MonQuorum#host(String)}), so it
 * shows under {@code server/{fqdn}/event}, and with the service ({@code mon}, its name), which
 * Calamari left out. Stateless.
 */
final class QuorumEvents {
    private QuorumEvents() {}

    static List<Event> between(EventContext sink, QuorumStatus previous, QuorumStatus next) {
        List<Event> events = new ArrayList<>();
        TreeSet<String> joined = new TreeSet<>(next.quorumNames());
        joined.removeAll(previous.quorumNames());
        for (String mon : joined) {
            events.add(mon(sink, Severity.RECOVERY, mon, "Mon '%s.%s' joined quorum"));
        }
        TreeSet<String> left = new TreeSet<>(previous.quorumNames());
        left.removeAll(next.quorumNames());
        for (String mon : left) {
            events.add(mon(sink, Severity.WARNING, mon, "Mon '%s.%s' left quorum"));
        }
        Optional<String> leader = next.leaderName();
        if (previous.leaderName().isPresent()
                && leader.isPresent()
                && !previous.leaderName().equals(leader)) {
            events.add(mon(sink, Severity.INFO, leader.get(), "Mon '%s.%s' now quorum leader"));
        }
        return events;
    }

    private static Event mon(EventContext sink, Severity severity, String mon, String format) {
        Optional<String> host = Optional.of(MonQuorum.host(mon));
        return sink.service(severity, host, "mon", mon, format.formatted(sink.name(), mon) + EventContext.onHost(host));
    }
}
