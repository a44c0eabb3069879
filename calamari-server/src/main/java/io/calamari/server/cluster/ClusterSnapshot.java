package io.calamari.server.cluster;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.ClusterDf;
import io.calamari.ceph.model.ClusterStatus;
import io.calamari.ceph.model.FsMap;
import io.calamari.ceph.model.HealthReport;
import io.calamari.ceph.model.MonMap;
import io.calamari.ceph.model.PgSummary;
import io.calamari.ceph.model.QuorumStatus;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One cluster as the server last saw it: every part with its version and fetch time, built whole by
 * the cluster's monitor and published atomically, so that readers never wait on Ceph and never see
 * half an update. Parts are empty until first fetched. Immutable.
 *
 * @param fsid the cluster's id
 * @param name the cluster's name (Ceph's {@code --cluster}, {@code ceph} unless configured)
 * @param updateTime when the cluster last answered (Calamari's {@code update_time})
 * @param reachable whether the last attempt to reach the cluster succeeded
 * @param lastError why the last attempt failed, if it did
 * @param restored whether the data is what a previous server process stored, loaded at start and
 *     not yet replaced by an answer of the cluster (the API calls it stale)
 * @param config the mon's running configuration ({@code config show}), option name to value
 */
public record ClusterSnapshot(
        String fsid,
        String name,
        Instant updateTime,
        boolean reachable,
        Optional<String> lastError,
        boolean restored,
        Optional<Part<ClusterStatus>> status,
        Optional<Part<OsdMapPart>> osdMap,
        Optional<Part<MonMap>> monMap,
        Optional<Part<QuorumStatus>> quorum,
        Optional<Part<FsMap>> fsMap,
        Optional<Part<HealthReport>> health,
        Optional<Part<Map<String, String>>> config,
        Optional<Part<ClusterDf>> df,
        Optional<Part<PgSummary>> pgSummary) {
    public ClusterSnapshot {
        requireNonNull(fsid, "fsid");
        requireNonNull(name, "name");
        requireNonNull(updateTime, "updateTime");
        requireNonNull(lastError, "lastError");
        requireNonNull(status, "status");
        requireNonNull(osdMap, "osdMap");
        requireNonNull(monMap, "monMap");
        requireNonNull(quorum, "quorum");
        requireNonNull(fsMap, "fsMap");
        requireNonNull(health, "health");
        requireNonNull(config, "config");
        requireNonNull(df, "df");
        requireNonNull(pgSummary, "pgSummary");
    }

    /** A cluster known by id but never reached yet. */
    public static ClusterSnapshot unreached(String fsid, String name, Instant now, String error) {
        return new ClusterSnapshot(
                fsid,
                name,
                now,
                false,
                Optional.of(error),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /**
     * The OSD map part, which every OSD, pool and CRUSH resource needs.
     *
     * @throws CalamariException 503 "OSD map not yet available" until it was first fetched
     */
    public OsdMapPart requireOsdMap() {
        return osdMap.map(Part::value)
                .orElseThrow(() -> new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, "OSD map not yet available"));
    }

    /** How old the data is: the time since the cluster last answered. */
    public Duration age(Instant now) {
        Duration age = Duration.between(updateTime, now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    /**
     * The same data as a server serves it after a restart, until the cluster answers: not
     * reachable, for this reason, and restored. The update time stays the time the cluster last
     * answered.
     */
    public ClusterSnapshot asRestored(String reason) {
        return notReachable(reason, true);
    }

    /** The same data, marked as not reachable now, for this reason (and still restored if it was). */
    public ClusterSnapshot unreachable(String error) {
        return notReachable(error, restored);
    }

    private ClusterSnapshot notReachable(String error, boolean isRestored) {
        return new ClusterSnapshot(
                fsid,
                name,
                updateTime,
                false,
                Optional.of(error),
                isRestored,
                status,
                osdMap,
                monMap,
                quorum,
                fsMap,
                health,
                config,
                df,
                pgSummary);
    }
}
