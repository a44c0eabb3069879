package io.calamari.simulator;

import static io.calamari.simulator.Arguments.EEXIST;
import static io.calamari.simulator.Arguments.EINVAL;
import static io.calamari.simulator.Arguments.ENOENT;
import static io.calamari.simulator.Arguments.EPERM;
import static io.calamari.simulator.Arguments.ERANGE;
import static io.calamari.simulator.Arguments.done;
import static io.calamari.simulator.Arguments.refused;

import io.calamari.ceph.rados.CommandResult;
import io.calamari.simulator.CommandTable.Command;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pool commands the server's requests send, validated and answered as Pacific's monitors do:
 * {@code osd pool create}, {@code set}, {@code set-quota}, {@code rename}, {@code delete} and
 * {@code application enable}. Each accepted change makes one new OSD map; an idempotent repeat
 * ({@code pool 'x' already exists}) answers 0 and makes none. New PGs are active at once (no
 * {@code creating} phase). Called with the cluster's lock held. Stateless.
 */
final class PoolCommands {
    /** Pacific's {@code mon_max_pg_per_osd} and {@code mon_max_pool_pg_num}. */
    static final int MAX_PG_PER_OSD = 250;

    static final int MAX_POOL_PG_NUM = 65536;

    /** The {@code default} erasure-code profile: k=2, m=2. */
    private static final int PROFILE_K = 2;

    private static final int PROFILE_M = 2;

    private PoolCommands() {}

    static List<Command> commands() {
        List<String> pool = List.of("pool", "CephPoolname", "true");
        return List.of(
                Command.osdWrite(
                        "osd pool create",
                        "create pool",
                        List.of(
                                pool,
                                List.of("pg_num", "CephInt", "false", "range", "0"),
                                List.of("pgp_num", "CephInt", "false", "range", "0"),
                                List.of("pool_type", "CephChoices", "false", "strings", "replicated|erasure"),
                                List.of("erasure_code_profile", "CephString", "false"),
                                List.of("rule", "CephString", "false"),
                                List.of("size", "CephInt", "false"),
                                List.of("autoscale_mode", "CephChoices", "false", "strings", "on|off|warn")),
                        PoolCommands::create),
                Command.osdWrite(
                        "osd pool set",
                        "set pool parameter <var> to <val>",
                        List.of(
                                pool,
                                List.of("var", "CephChoices", "true", "strings", PoolVariables.VARIABLES),
                                List.of("val", "CephString", "true"),
                                List.of("yes_i_really_mean_it", "CephBool", "false")),
                        PoolVariables::set),
                Command.osdWrite(
                        "osd pool set-quota",
                        "set object or byte limit on pool",
                        List.of(
                                pool,
                                List.of("field", "CephChoices", "true", "strings", "max_objects|max_bytes"),
                                List.of("val", "CephString", "true")),
                        PoolCommands::setQuota),
                Command.osdWrite(
                        "osd pool rename",
                        "rename <srcpool> to <destpool>",
                        List.of(
                                List.of("srcpool", "CephPoolname", "true"),
                                List.of("destpool", "CephPoolname", "true")),
                        PoolCommands::rename),
                Command.osdWrite(
                        "osd pool delete",
                        "delete pool",
                        List.of(
                                pool,
                                List.of("pool2", "CephPoolname", "false"),
                                List.of("yes_i_really_really_mean_it", "CephBool", "false")),
                        PoolCommands::delete),
                Command.osdWrite(
                        "osd pool application enable",
                        "enable use of an application <app> [cephfs,rbd,rgw] on pool <poolname>",
                        List.of(
                                pool,
                                List.of("app", "CephString", "true"),
                                List.of("yes_i_really_mean_it", "CephBool", "false")),
                        PoolCommands::enableApplication));
    }

    static CommandResult unknownPool(String name) {
        return refused(ENOENT, "unrecognized pool '" + name + "'");
    }

    private static CommandResult create(SimulatedCluster cluster, Map<String, Object> arguments) {
        String name = Arguments.string(arguments, "pool").orElse("");
        if (cluster.pool(name).isPresent()) {
            return done("pool '" + name + "' already exists");
        }
        long pgNum = Arguments.integer(arguments, "pg_num").orElse(32L);
        if (pgNum <= 0 || pgNum > MAX_POOL_PG_NUM) {
            return refused(
                    EINVAL,
                    "'pg_num' must be greater than 0 and less than or equal to " + MAX_POOL_PG_NUM
                            + " (you may adjust 'mon max pool pg num' for higher values)");
        }
        String type = Arguments.string(arguments, "pool_type").orElse("replicated");
        boolean erasure = type.equals("erasure");
        if (!erasure && !type.equals("replicated")) {
            return refused(EINVAL, "unknown pool type '" + type + "'");
        }
        String profile =
                erasure ? Arguments.string(arguments, "erasure_code_profile").orElse("default") : "";
        if (erasure && !profile.equals("default")) {
            return refused(ENOENT, "specified erasure code profile '" + profile + "' does not exist");
        }
        Optional<String> rule = Arguments.string(arguments, "rule");
        if (rule.isPresent() && cluster.crush().rule(rule.get()).isEmpty()) {
            return refused(ENOENT, "specified rule " + rule.get() + " doesn't exist");
        }
        String mode = Arguments.string(arguments, "autoscale_mode").orElse("on");
        if (!List.of("on", "off", "warn").contains(mode)) {
            return refused(EINVAL, "invalid pg_autoscale_mode " + mode);
        }
        int size = erasure
                ? PROFILE_K + PROFILE_M
                : Arguments.integer(arguments, "size")
                        .orElse((long) cluster.replicas())
                        .intValue();
        int minSize = erasure ? PROFILE_K + Math.min(1, PROFILE_M - 1) : size - size / 2;
        Optional<CommandResult> tooMany = checkPlacementGroups(cluster, -1, pgNum, size);
        if (tooMany.isPresent()) {
            return tooMany.get();
        }
        cluster.nextOsdMapEpoch();
        SimulatedPool created = cluster.addPool(
                name, erasure ? SimulatedPool.ERASURE : SimulatedPool.REPLICATED, profile, (int) pgNum, size, minSize);
        created.setAutoscaleMode(mode);
        rule.flatMap(ruleName -> cluster.crush().rule(ruleName)).ifPresent(found -> created.setCrushRule(found.id));
        return done("pool '" + name + "' created");
    }

    /**
     * Pacific's {@code check_pg_num}: the PG copies of all pools, with {@code poolId}'s (or a new
     * pool's) at {@code pgNum} × {@code size}, may not exceed {@code mon_max_pg_per_osd} times the
     * in OSDs (at least 3). The status starts with a space for a new pool, as Ceph's does.
     */
    static Optional<CommandResult> checkPlacementGroups(SimulatedCluster cluster, int poolId, long pgNum, int size) {
        int inOsds = 0;
        for (int osd = 0; osd < cluster.osdCount(); osd++) {
            inOsds += cluster.osdIn(osd) ? 1 : 0;
        }
        int osds = Math.max(inOsds, 3);
        long max = (long) MAX_PG_PER_OSD * osds;
        long projected = poolId < 0 ? pgNum * size : 0;
        for (SimulatedPool pool : cluster.pools()) {
            projected += pool.id() == poolId ? pgNum * size : (long) pool.pgNum() * pool.size();
        }
        if (projected <= max) {
            return Optional.empty();
        }
        return Optional.of(refused(
                ERANGE,
                (poolId < 0 ? "" : "pool id " + poolId) + " pg_num " + pgNum + " size " + size + " would mean "
                        + projected + " total pgs, which exceeds max " + max + " (mon_max_pg_per_osd "
                        + MAX_PG_PER_OSD + " * num_in_osds " + osds + ")"));
    }

    private static CommandResult setQuota(SimulatedCluster cluster, Map<String, Object> arguments) {
        String name = Arguments.string(arguments, "pool").orElse("");
        Optional<SimulatedPool> pool = cluster.pool(name);
        if (pool.isEmpty()) {
            return unknownPool(name);
        }
        String field = Arguments.string(arguments, "field").orElse("");
        Optional<Long> value = Arguments.integer(arguments, "val").filter(number -> number >= 0);
        if (!field.equals("max_objects") && !field.equals("max_bytes")) {
            return refused(EINVAL, "unrecognized field '" + field + "'");
        }
        if (value.isEmpty()) {
            return refused(EINVAL, "error parsing value '" + arguments.get("val") + "'");
        }
        if (field.equals("max_bytes")) {
            pool.get().setQuotaMaxBytes(value.get());
        } else {
            pool.get().setQuotaMaxObjects(value.get());
        }
        pool.get().changedAt(cluster.nextOsdMapEpoch());
        return done("set-quota " + field + " = " + value.get() + " for pool " + name);
    }

    private static CommandResult rename(SimulatedCluster cluster, Map<String, Object> arguments) {
        String source = Arguments.string(arguments, "srcpool").orElse("");
        String destination = Arguments.string(arguments, "destpool").orElse("");
        Optional<SimulatedPool> pool = cluster.pool(source);
        boolean destinationExists = cluster.pool(destination).isPresent();
        if (pool.isEmpty()) {
            return destinationExists
                    ? done("pool '" + source + "' does not exist; pool '" + destination
                            + "' does exist; assuming rename was successful.")
                    : unknownPool(source);
        }
        if (destinationExists) {
            return refused(EEXIST, "pool '" + destination + "' already exists");
        }
        pool.get().rename(destination);
        pool.get().changedAt(cluster.nextOsdMapEpoch());
        return done("pool '" + source + "' renamed to '" + destination + "'");
    }

    private static CommandResult delete(SimulatedCluster cluster, Map<String, Object> arguments) {
        String name = Arguments.string(arguments, "pool").orElse("");
        Optional<SimulatedPool> pool = cluster.pool(name);
        if (pool.isEmpty()) {
            return done("pool '" + name + "' does not exist");
        }
        if (!name.equals(Arguments.string(arguments, "pool2").orElse(""))
                || !Arguments.flag(arguments, "yes_i_really_really_mean_it")) {
            return refused(
                    EPERM,
                    "WARNING: this will *PERMANENTLY DESTROY* all data stored in pool " + name
                            + ".  If you are *ABSOLUTELY CERTAIN* that is what you want, pass the pool name *twice*, "
                            + "followed by --yes-i-really-really-mean-it.");
        }
        if (!cluster.allowPoolDelete()) {
            return refused(
                    EPERM,
                    "pool deletion is disabled; you must first set the mon_allow_pool_delete config option to true "
                            + "before you can destroy a pool");
        }
        cluster.nextOsdMapEpoch();
        cluster.removePool(pool.get());
        return done("pool '" + name + "' removed");
    }

    private static CommandResult enableApplication(SimulatedCluster cluster, Map<String, Object> arguments) {
        String name = Arguments.string(arguments, "pool").orElse("");
        Optional<SimulatedPool> pool = cluster.pool(name);
        if (pool.isEmpty()) {
            return unknownPool(name);
        }
        String application = Arguments.string(arguments, "app").orElse("");
        List<String> applications = pool.get().applications();
        if (applications.contains(application)) {
            return done("application '" + application + "' already enabled on pool '" + name + "'");
        }
        if (!applications.isEmpty() && !Arguments.flag(arguments, "yes_i_really_mean_it")) {
            return refused(
                    EPERM,
                    "Are you SURE? Pool '" + name + "' already has an enabled application; pass "
                            + "--yes-i-really-mean-it to proceed anyway");
        }
        applications.add(application);
        pool.get().changedAt(cluster.nextOsdMapEpoch());
        return done("enabled application '" + application + "' on pool '" + name + "'");
    }
}
