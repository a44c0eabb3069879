package io.calamari.server.request;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.PgSummary;
import io.calamari.ceph.model.Pool;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.OsdMapPart;
import io.calamari.server.cluster.Part;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, from a snapshot, whether a request whose commands Ceph accepted is complete: the
 * snapshot's OSD map must have reached the epoch Ceph reported after the commands (so that a read
 * right after completion shows the change), then pools wait for their PGs. Also decides whether a
 * request interrupted by a restart went through. Stateless.
 */
final class CompletionCheck {
    /** The answer of a check. */
    sealed interface Verdict {
        record Complete() implements Verdict {}

        record Failed(String message) implements Verdict {
            public Failed {
                requireNonNull(message, "message");
            }
        }

        record Waiting(String status) implements Verdict {
            public Waiting {
                requireNonNull(status, "status");
            }
        }
    }

    private CompletionCheck() {}

    static Verdict waiting(UserRequest request, Optional<ClusterSnapshot> snapshot) {
        long epoch = request.progress().osdMapEpoch();
        Optional<OsdMapPart> osdMap = snapshot.flatMap(ClusterSnapshot::osdMap)
                .filter(part -> part.version() >= epoch)
                .map(Part::value);
        if (osdMap.isEmpty()) {
            return new Verdict.Waiting("Waiting for OSD map epoch " + epoch);
        }
        Optional<PgSummary> pgs = snapshot.flatMap(ClusterSnapshot::pgSummary).map(Part::value);
        // Java 17 has no pattern matching for switch: the sealed interface's cases in order.
        Completion completion = request.plan().completion();
        if (completion instanceof Completion.PoolCreated created) {
            return poolCreated(created, osdMap.get(), pgs);
        }
        if (completion instanceof Completion.PoolPlacementGroups growth) {
            return placementGroups(growth, osdMap.get(), pgs);
        }
        return new Verdict.Complete();
    }

    private static Verdict poolCreated(Completion.PoolCreated created, OsdMapPart part, Optional<PgSummary> pgs) {
        Optional<Pool> pool = part.map().pools().stream()
                .filter(candidate -> candidate.name().equals(created.name()))
                .findFirst();
        if (pool.isEmpty()) {
            return new Verdict.Failed("Expected pool '" + created.name() + "' not found");
        }
        long active = activePlacementGroups(pgs, pool.get().id());
        int expected = pool.get().placementGroupCount();
        return active >= expected
                ? new Verdict.Complete()
                : new Verdict.Waiting("Waiting for " + (expected - active) + " PGs to create");
    }

    private static Verdict placementGroups(
            Completion.PoolPlacementGroups growth, OsdMapPart part, Optional<PgSummary> pgs) {
        Optional<Pool> found = part.map().pool(growth.poolId());
        if (found.isEmpty()) {
            return new Verdict.Failed("Pool " + growth.poolId() + " was deleted while its PGs were changing");
        }
        Pool pool = found.get();
        if (pool.placementGroupTarget() != growth.pgNum()) {
            return new Verdict.Failed("PG change interrupted (pg_num target changed to " + pool.placementGroupTarget()
                    + " outside this request)");
        }
        if (pool.placementGroupCount() != growth.pgNum() || pool.placementGroupPlacementCount() != growth.pgpNum()) {
            return new Verdict.Waiting("Waiting for Ceph to reach pg_num " + growth.pgNum() + " and pgp_num "
                    + growth.pgpNum() + " (now " + pool.placementGroupCount() + " and "
                    + pool.placementGroupPlacementCount() + ")");
        }
        long active = activePlacementGroups(pgs, pool.id());
        return active >= growth.pgNum()
                ? new Verdict.Complete()
                : new Verdict.Waiting("Waiting for PG creation (" + active + "/" + growth.pgNum() + ")");
    }

    /**
     * After a restart interrupted the commands: the request went through when every expectation
     * holds in a snapshot taken after the restart.
     */
    static Verdict interrupted(UserRequest request, Optional<ClusterSnapshot> snapshot, Instant restartedAt) {
        // The monitor fetches a new OSD map in the same poll that sees its epoch move, so the map of
        // a snapshot the cluster answered after the restart is current.
        Optional<OsdMapPart> fresh = snapshot.filter(ClusterSnapshot::reachable)
                .filter(answered -> !answered.updateTime().isBefore(restartedAt))
                .flatMap(ClusterSnapshot::osdMap)
                .map(Part::value);
        if (fresh.isEmpty()) {
            return new Verdict.Waiting("Interrupted by a server restart; waiting for the cluster to check the outcome");
        }
        int done = request.progress().commandsDone();
        int total = request.plan().commands().size();
        String interrupted = "Interrupted by a server restart after " + done + " of " + total + " commands";
        if (request.plan().expectations().isEmpty()) {
            return new Verdict.Failed(interrupted + "; the outcome cannot be checked, look at the cluster");
        }
        boolean applied =
                request.plan().expectations().stream().allMatch(expectation -> expectation.holds(fresh.get()));
        return applied
                ? new Verdict.Complete()
                : new Verdict.Failed(interrupted + "; the cluster does not show the change");
    }

    /** PGs of the pool in an active state, per the PG summary (zero while it has none for the pool). */
    static long activePlacementGroups(Optional<PgSummary> pgs, int poolId) {
        Map<String, Long> byState = pgs.map(summary -> summary.byPool().getOrDefault(poolId, Map.of()))
                .orElse(Map.of());
        return byState.entrySet().stream()
                .filter(entry -> isActive(entry.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    private static boolean isActive(String state) {
        for (String component : state.split("\\+")) {
            if (component.equals("active")) {
                return true;
            }
        }
        return false;
    }
}
