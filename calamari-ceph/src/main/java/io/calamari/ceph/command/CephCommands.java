package io.calamari.ceph.command;

import io.calamari.ceph.command.CephCommand.Target;
import io.calamari.ceph.model.ClusterDf;
import io.calamari.ceph.model.ClusterLogEntry;
import io.calamari.ceph.model.ClusterLogLevel;
import io.calamari.ceph.model.ClusterStatus;
import io.calamari.ceph.model.CrushMap;
import io.calamari.ceph.model.FsMap;
import io.calamari.ceph.model.HealthReport;
import io.calamari.ceph.model.MonMap;
import io.calamari.ceph.model.OsdLatency;
import io.calamari.ceph.model.OsdMap;
import io.calamari.ceph.model.OsdMetadata;
import io.calamari.ceph.model.OsdTree;
import io.calamari.ceph.model.PlacementGroupTable;
import io.calamari.ceph.model.QuorumStatus;
import io.calamari.ceph.parse.ClusterLogParser;
import io.calamari.ceph.parse.ConfigDumpParser;
import io.calamari.ceph.parse.CrushDumpParser;
import io.calamari.ceph.parse.DfParser;
import io.calamari.ceph.parse.FsDumpParser;
import io.calamari.ceph.parse.HealthParser;
import io.calamari.ceph.parse.MonDumpParser;
import io.calamari.ceph.parse.OsdDumpParser;
import io.calamari.ceph.parse.OsdMetadataParser;
import io.calamari.ceph.parse.OsdPerfParser;
import io.calamari.ceph.parse.OsdTreeParser;
import io.calamari.ceph.parse.PgDumpParser;
import io.calamari.ceph.parse.QuorumStatusParser;
import io.calamari.ceph.parse.StatusParser;
import java.util.List;
import java.util.Map;

/**
 * The read commands the cluster monitor and the API use, each with the daemon that answers it in Pacific and
 * later (the monitors, or the manager for PG and space statistics and running configuration).
 */
public final class CephCommands {
    /** Pacific's PG state names ({@code pg_string_state}) other than {@code active} and {@code clean}. */
    static final List<String> UNCLEAN_STATES = List.of(
            "down",
            "recovery_unfound",
            "backfill_unfound",
            "scrubbing",
            "degraded",
            "inconsistent",
            "peering",
            "repair",
            "recovering",
            "forced_recovery",
            "backfill_wait",
            "incomplete",
            "stale",
            "remapped",
            "deep",
            "backfilling",
            "forced_backfill",
            "backfill_toofull",
            "recovery_wait",
            "recovery_toofull",
            "undersized",
            "activating",
            "peered",
            "snaptrim",
            "snaptrim_wait",
            "snaptrim_error",
            "creating",
            "premerge",
            "failed_repair",
            "laggy",
            "wait");

    private CephCommands() {}

    /** The cheap version vector: map epochs, health summary, PG state totals. */
    public static CephCommand<ClusterStatus> status() {
        return CephCommand.of(Target.MON, StatusParser::parse, "prefix", "status");
    }

    public static CephCommand<OsdMap> osdDump() {
        return CephCommand.of(Target.MON, OsdDumpParser::parse, "prefix", "osd dump");
    }

    /** The OSD tree at the given OSD map epoch, so that it matches the {@code osd dump} fetched with it. */
    public static CephCommand<OsdTree> osdTree(int epoch) {
        return CephCommand.of(Target.MON, OsdTreeParser::parse, "prefix", "osd tree", "epoch", epoch);
    }

    public static CephCommand<CrushMap> crushDump() {
        return CephCommand.of(Target.MON, CrushDumpParser::parse, "prefix", "osd crush dump");
    }

    /** Metadata of every OSD in one call. */
    public static CephCommand<List<OsdMetadata>> osdMetadata() {
        return CephCommand.of(Target.MON, OsdMetadataParser::parse, "prefix", "osd metadata");
    }

    /** The binary CRUSH map of an OSD map epoch, for {@code crushtool -d}. */
    public static CephCommand<byte[]> compiledCrushMap(int epoch) {
        return CephCommand.of(Target.MON, bytes -> bytes, "prefix", "osd getcrushmap", "epoch", epoch);
    }

    public static CephCommand<MonMap> monDump() {
        return CephCommand.of(Target.MON, MonDumpParser::parse, "prefix", "mon dump");
    }

    public static CephCommand<QuorumStatus> quorumStatus() {
        return CephCommand.of(Target.MON, QuorumStatusParser::parse, "prefix", "quorum_status");
    }

    public static CephCommand<FsMap> fsDump() {
        return CephCommand.of(Target.MON, FsDumpParser::parse, "prefix", "fs dump");
    }

    public static CephCommand<HealthReport> healthDetail() {
        return CephCommand.of(Target.MON, HealthParser::parse, "prefix", "health", "detail", "detail");
    }

    /** Each OSD's commit and apply latency ({@code osd perf}, a manager command). */
    public static CephCommand<List<OsdLatency>> osdPerf() {
        return CephCommand.of(Target.MGR, OsdPerfParser::parse, "prefix", "osd perf");
    }

    /** Space per cluster and pool ({@code df detail}). */
    public static CephCommand<ClusterDf> df() {
        return CephCommand.of(Target.MON, DfParser::parse, "prefix", "df", "detail", "detail");
    }

    /** Every PG ({@code pg dump pgs_brief}) in a compact table; {@link PlacementGroupTable#summary()} gives the counts. */
    public static CephCommand<PlacementGroupTable> placementGroups() {
        return CephCommand.of(
                Target.MGR, PgDumpParser::table, "prefix", "pg dump", "dumpcontents", List.of("pgs_brief"));
    }

    /**
     * The PGs that are not just {@code active+clean} ({@code pg ls} with every other state: the
     * manager lists a PG having any of them), in a table. A PG that is only {@code active}, or in
     * no state at all, is not listed: compare the count with the status's.
     */
    public static CephCommand<PlacementGroupTable> uncleanPlacementGroups() {
        return CephCommand.of(Target.MGR, PgDumpParser::listed, "prefix", "pg ls", "states", UNCLEAN_STATES);
    }

    /**
     * The commands a daemon accepts, asked exactly as the {@code ceph} CLI asks ({@link
     * CommandDescriptions#REQUEST}, no format): {@link Target#MON} for the monitors' list (which
     * includes the manager's commands), {@link Target#MGR} for the manager's own. Combine the two with
     * {@link CommandDescriptions#of} for a {@link CommandLineParser}.
     */
    public static CephCommand<List<CommandDescription>> commandDescriptions(Target target) {
        return new CephCommand<>(
                target, CommandDescriptions.REQUEST, answer -> CommandDescriptions.parseAnswer(answer, target));
    }

    /**
     * A daemon's whole running configuration, defaults included, option name to value (e.g.
     * {@code who} = {@code mon.a}); what Calamari's {@code config} resource shows.
     */
    public static CephCommand<Map<String, String>> configShow(String who) {
        return CephCommand.of(
                Target.MGR, ConfigDumpParser::parseShow, "prefix", "config show-with-defaults", "who", who);
    }

    /**
     * The newest {@code count} entries of a cluster-log channel ({@code cluster}, {@code audit},
     * {@code cephadm}, or {@code *} for all of them) of at least {@code level}, oldest first. The
     * monitors keep only the last {@code mon_log_max_summary} entries (50 by default) of each channel,
     * of every level, so fewer may come back than asked for.
     */
    public static CephCommand<List<ClusterLogEntry>> logLast(int count, ClusterLogLevel level, String channel) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive, was " + count);
        }
        if (channel.isBlank()) {
            throw new IllegalArgumentException("channel must not be blank");
        }
        return CephCommand.of(
                Target.MON,
                json -> ClusterLogParser.parseNewest(json, count),
                "prefix",
                "log last",
                "num",
                count,
                "level",
                level.cephName(),
                "channel",
                channel);
    }
}
