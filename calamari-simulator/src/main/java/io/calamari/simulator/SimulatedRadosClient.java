package io.calamari.simulator;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.ClusterLogLevel;
import io.calamari.ceph.rados.CommandResult;
import io.calamari.ceph.rados.RadosClient;
import io.calamari.ceph.rados.RadosException;
import io.calamari.simulator.CommandTable.Command;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A {@link RadosClient} whose cluster is a {@link SimulatedCluster}: it answers the read commands
 * the server sends for monitoring ({@code status}, {@code osd dump}, {@code osd tree},
 * {@code osd crush dump}, {@code osd metadata}, {@code osd stat}, {@code mon dump},
 * {@code quorum_status}, {@code fs dump}, {@code health detail}, {@code df detail},
 * {@code log last}, {@code pg dump pgs_brief}, {@code pg ls}, {@code osd pool stats}, {@code config show-with-defaults} and
 * {@code get_command_descriptions}) with JSON of Ceph 16.2's shape, generated from the cluster's
 * state; obeys the management commands the server's requests send ({@link OsdCommands},
 * {@link PoolCommands}, {@link CrushCommands}: flags, OSD in/out/down/reweight, scrubs, pool
 * create/set/quota/rename/delete/application, CRUSH buckets and replicated rules), changing the
 * state and the OSD map epoch as the monitors do; and refuses the rest as Ceph does: {@code -22} with {@code command not known} from the
 * monitors, {@code No handler found for '...'} from the manager.
 *
 * <p>Before each command the cluster runs on to its clock's time ({@link SimulatedCluster#advance}),
 * so a cluster on a moving clock lives between two commands; on a fixed clock it stands still.
 *
 * <p>Every answer is JSON whatever {@code format} asks for, and {@code pg dump} answers
 * {@code pgs_brief} whatever {@code dumpcontents} asks for. {@code osd getcrushmap} answers
 * {@code -95 EOPNOTSUPP} and {@code osd setcrushmap} {@code -22}: the simulator has no compiled
 * CRUSH map (the server treats that map as optional). Commands to OSDs ({@code ceph tell}) are not simulated. The timeout is not needed:
 * answers come from memory.
 *
 * <p>Thread-safety: thread-safe; each answer is written while holding the cluster's lock, so it
 * shows one consistent state.
 */
public final class SimulatedRadosClient implements RadosClient {
    private final SimulatedCluster cluster;
    private final CommandTable table = commands();
    private final AtomicBoolean closed = new AtomicBoolean();

    public SimulatedRadosClient(SimulatedCluster cluster) {
        this.cluster = requireNonNull(cluster, "cluster");
    }

    private static CommandTable commands() {
        List<Command> commands = new ArrayList<>(readCommands());
        commands.addAll(OsdCommands.commands());
        commands.addAll(PoolCommands.commands());
        commands.addAll(CrushCommands.commands());
        return new CommandTable(commands);
    }

    private static List<Command> readCommands() {
        return List.of(
                mon("status", "status", "show cluster status", List.of(), (c, a) -> ok(StatusAnswers.status(c))),
                mon(
                        "health",
                        "mon",
                        "show cluster health",
                        List.of(List.of("detail", "CephChoices", "false", "strings", "detail")),
                        (c, a) -> ok(StatusAnswers.healthDetail(c))),
                mon(
                        "osd dump",
                        "osd",
                        "print summary of OSD map",
                        List.of(epochArgument()),
                        (c, a) -> atEpoch(c, a, OsdMapAnswers::osdDump)),
                mon("osd stat", "osd", "print summary of OSD map", List.of(), (c, a) -> ok(OsdMapAnswers.osdStat(c))),
                mon(
                        "osd tree",
                        "osd",
                        "print OSD tree",
                        List.of(epochArgument()),
                        (c, a) -> atEpoch(c, a, CrushAnswers::osdTree)),
                mon("osd crush dump", "osd", "dump crush map", List.of(), (c, a) -> ok(CrushAnswers.crushDump(c))),
                mon(
                        "osd metadata",
                        "osd",
                        "fetch metadata for osd {id} (default all)",
                        List.of(List.of("id", "CephOsdName", "false")),
                        (c, a) -> ok(DaemonAnswers.osdMetadata(c))),
                mon(
                        "osd getcrushmap",
                        "osd",
                        "get CRUSH map",
                        List.of(epochArgument()),
                        (c, a) -> new CommandResult(
                                -95, new byte[0], "the simulator keeps no compiled CRUSH map; see 'osd crush dump'")),
                mon(
                        "mon dump",
                        "mon",
                        "dump formatted monmap (optionally from epoch)",
                        List.of(epochArgument()),
                        (c, a) -> ok(MonAnswers.monDump(c))),
                mon(
                        "quorum_status",
                        "mon",
                        "report status of monitor quorum",
                        List.of(),
                        (c, a) -> ok(MonAnswers.quorumStatus(c))),
                mon(
                        "fs dump",
                        "mds",
                        "dump all CephFS status, optionally from epoch",
                        List.of(epochArgument()),
                        (c, a) -> ok(MonAnswers.fsDump(c))),
                mon(
                        "log last",
                        "mon",
                        "print last few lines of the cluster log",
                        List.of(
                                List.of("num", "CephInt", "false", "range", "1"),
                                List.of("level", "CephChoices", "false", "strings", "debug|info|sec|warn|error"),
                                List.of("channel", "CephChoices", "false", "strings", "*|cluster|audit|cephadm")),
                        SimulatedRadosClient::logLast),
                mgr(
                        "pg dump",
                        "pg",
                        "show human-readable versions of pg map (only 'all' valid with plain)",
                        List.of(List.of(
                                "dumpcontents",
                                "CephChoices",
                                "false",
                                "n",
                                "N",
                                "strings",
                                "all|summary|sum|delta|pools|osds|pgs|pgs_brief")),
                        (c, a) -> new CommandResult(0, PlacementGroupAnswers.pgDumpBrief(c), "dumped pgs_brief")),
                mgr(
                        "pg ls",
                        "pg",
                        "list pg with specific pool, osd, state",
                        List.of(
                                List.of("pool", "CephInt", "false"),
                                List.of("states", "CephString", "false", "n", "N")),
                        PlacementGroupAnswers::pgLs),
                mgr(
                        "osd pool stats",
                        "osd",
                        "obtain stats from all pools, or from specified pool",
                        List.of(List.of("pool_name", "CephPoolname", "false")),
                        SimulatedRadosClient::poolStats),
                mgr(
                        "osd perf",
                        "osd",
                        "print dump of OSD perf summary stats",
                        List.of(),
                        (c, a) -> ok(OsdPerfAnswers.osdPerf(c))),
                mgr(
                        "df",
                        "mon",
                        "show cluster free space stats",
                        List.of(List.of("detail", "CephChoices", "false", "strings", "detail")),
                        (c, a) -> ok(PlacementGroupAnswers.dfDetail(c))),
                mgr(
                        "config show-with-defaults",
                        "config",
                        "Show running configuration (including compiled-in defaults)",
                        List.of(List.of("who", "CephString", "true")),
                        SimulatedRadosClient::configShow));
    }

    private static List<String> epochArgument() {
        return List.of("epoch", "CephInt", "false", "range", "0");
    }

    private static Command mon(
            String prefix, String module, String help, List<List<String>> arguments, CommandTable.Handler handler) {
        return new Command(prefix, false, module, help, arguments, handler);
    }

    private static Command mgr(
            String prefix, String module, String help, List<List<String>> arguments, CommandTable.Handler handler) {
        return new Command(prefix, true, module, help, arguments, handler);
    }

    private static CommandResult ok(byte[] json) {
        return new CommandResult(0, json, "");
    }

    /** The current map; an other epoch is refused as Ceph refuses one it no longer (or not yet) has. */
    private static CommandResult atEpoch(
            SimulatedCluster cluster, Map<String, Object> arguments, Function<SimulatedCluster, byte[]> answer) {
        Object epoch = arguments.get("epoch");
        if (epoch != null && longValue(epoch).orElse(-1L) != cluster.osdMapEpoch()) {
            return new CommandResult(-2, new byte[0], "there is no map for epoch " + epoch);
        }
        return ok(answer.apply(cluster));
    }

    private static CommandResult logLast(SimulatedCluster cluster, Map<String, Object> arguments) {
        long count =
                arguments.containsKey("num") ? longValue(arguments.get("num")).orElse(-1L) : 10;
        String levelName = String.valueOf(arguments.getOrDefault("level", "info"));
        // Ceph takes the lower-case names only.
        Optional<ClusterLogLevel> level = ClusterLogLevel.fromName(levelName)
                .filter(known -> known.cephName().equals(levelName));
        if (count < 1 || level.isEmpty()) {
            return new CommandResult(-22, new byte[0], "invalid argument to log last");
        }
        String channel = String.valueOf(arguments.getOrDefault("channel", "cluster"));
        return ok(MonAnswers.logLast(cluster, (int) Math.min(count, Integer.MAX_VALUE), level.get(), channel));
    }

    private static CommandResult poolStats(SimulatedCluster cluster, Map<String, Object> arguments) {
        Object name = arguments.get("pool_name");
        if (name != null && cluster.pool(String.valueOf(name)).isEmpty()) {
            return new CommandResult(-2, new byte[0], "unrecognized pool '" + name + "'");
        }
        return ok(PoolStatsAnswers.poolStats(cluster, name == null ? null : String.valueOf(name)));
    }

    private static CommandResult configShow(SimulatedCluster cluster, Map<String, Object> arguments) {
        String who = String.valueOf(arguments.get("who"));
        if (!DaemonAnswers.isMon(cluster, who)) {
            return new CommandResult(-2, new byte[0], "no config state for daemon " + who);
        }
        return ok(DaemonAnswers.configShow(cluster, who));
    }

    private static Optional<Long> longValue(Object value) {
        if (value instanceof Number number) {
            return Optional.of(number.longValue());
        }
        try {
            return Optional.of(Long.parseLong(String.valueOf(value)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public CommandResult monCommand(Map<String, Object> command, byte[] input, Duration timeout) {
        return answer(command, false);
    }

    @Override
    public CommandResult mgrCommand(Map<String, Object> command, Duration timeout) {
        return answer(command, true);
    }

    @Override
    public CommandResult osdCommand(int osdId, Map<String, Object> command, Duration timeout) {
        requireOpen();
        return new CommandResult(-22, new byte[0], "unknown command prefix " + command.get("prefix"));
    }

    private CommandResult answer(Map<String, Object> command, boolean toManager) {
        requireOpen();
        String prefix = String.valueOf(command.get("prefix"));
        if (prefix.equals("get_command_descriptions")) {
            return ok(table.descriptions(toManager));
        }
        Optional<Command> found = table.find(prefix).filter(entry -> entry.manager() || !toManager);
        if (found.isEmpty()) {
            return new CommandResult(
                    -22, new byte[0], toManager ? "No handler found for '" + prefix + "'" : "command not known");
        }
        synchronized (cluster.lock()) {
            cluster.advance();
            return found.get().handler().answer(cluster, command);
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new RadosException("the simulated cluster's client is closed", -107, "");
        }
    }

    @Override
    public String fsid() {
        return cluster.fsid();
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
