package io.calamari.simulator;

import static io.calamari.simulator.Arguments.EINVAL;
import static io.calamari.simulator.Arguments.ENOENT;
import static io.calamari.simulator.Arguments.EPERM;
import static io.calamari.simulator.Arguments.done;
import static io.calamari.simulator.Arguments.refused;

import io.calamari.ceph.rados.CommandResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code osd pool set <pool> <var> <val>} for the variables the server sets: {@code size},
 * {@code min_size}, {@code pg_num}, {@code pgp_num}, {@code crush_rule}, {@code hashpspool},
 * {@code compression_mode} and {@code pg_autoscale_mode}, with Pacific's checks and messages. As
 * since Nautilus, {@code pg_num} takes {@code pgp_num} with it, and the simulator reaches both at
 * once instead of stepping towards them. Called with the cluster's lock held. Stateless.
 */
final class PoolVariables {
    static final String VARIABLES =
            "size|min_size|pg_num|pgp_num|crush_rule|hashpspool|compression_mode|pg_autoscale_mode";

    private static final int MAX_SIZE = 10;

    private PoolVariables() {}

    static CommandResult set(SimulatedCluster cluster, Map<String, Object> arguments) {
        String name = Arguments.string(arguments, "pool").orElse("");
        Optional<SimulatedPool> found = cluster.pool(name);
        if (found.isEmpty()) {
            return PoolCommands.unknownPool(name);
        }
        SimulatedPool pool = found.get();
        String variable = Arguments.string(arguments, "var").orElse("");
        String value = Arguments.string(arguments, "val").orElse("");
        Optional<Long> number = Arguments.integer(arguments, "val");
        Optional<CommandResult> refusal = switch (variable) {
            case "size" -> setSize(cluster, pool, number);
            case "min_size" -> setMinSize(pool, number);
            case "pg_num" -> setPgNum(cluster, pool, number);
            case "pgp_num" -> setPgpNum(pool, number);
            case "crush_rule" -> setCrushRule(cluster, pool, value);
            case "hashpspool" -> setHashpspool(pool, value, Arguments.flag(arguments, "yes_i_really_mean_it"));
            case "compression_mode" ->
                setChoice(
                        pool::setCompressionMode,
                        value,
                        List.of("none", "passive", "aggressive", "force"),
                        "unrecognized compression mode '" + value + "'");
            case "pg_autoscale_mode" ->
                setChoice(
                        pool::setAutoscaleMode, value, List.of("on", "off", "warn"), "specified invalid mode " + value);
            default -> Optional.of(refused(EINVAL, "unrecognized variable '" + variable + "'"));
        };
        if (refusal.isPresent()) {
            return refusal.get();
        }
        pool.changedAt(cluster.nextOsdMapEpoch());
        if (variable.equals("size") || variable.equals("min_size") || variable.equals("pg_num")) {
            cluster.layOut();
        }
        return done("set pool " + pool.id() + " " + variable + " to " + value);
    }

    private static Optional<CommandResult> setSize(SimulatedCluster cluster, SimulatedPool pool, Optional<Long> value) {
        if (pool.erasure()) {
            return Optional.of(refused(EINVAL, "can not change the size of an erasure-coded pool"));
        }
        if (value.isEmpty() || value.get() < 1 || value.get() > MAX_SIZE) {
            return Optional.of(refused(EINVAL, "pool size must be between 1 and " + MAX_SIZE));
        }
        int size = value.get().intValue();
        Optional<CommandResult> tooMany = PoolCommands.checkPlacementGroups(cluster, pool.id(), pool.pgNum(), size);
        if (tooMany.isPresent()) {
            return tooMany;
        }
        pool.setSize(size);
        pool.setMinSize(Math.min(pool.minSize(), size));
        return Optional.empty();
    }

    private static Optional<CommandResult> setMinSize(SimulatedPool pool, Optional<Long> value) {
        int lowest = pool.erasure() ? pool.size() - 2 : 1;
        if (value.isEmpty() || value.get() < lowest || value.get() > pool.size()) {
            return Optional.of(refused(
                    EINVAL, "pool min_size must be between " + lowest + " and size, which is set to " + pool.size()));
        }
        pool.setMinSize(value.get().intValue());
        return Optional.empty();
    }

    private static Optional<CommandResult> setPgNum(
            SimulatedCluster cluster, SimulatedPool pool, Optional<Long> value) {
        if (value.isEmpty() || value.get() <= 0 || value.get() > PoolCommands.MAX_POOL_PG_NUM) {
            return Optional.of(refused(
                    EINVAL,
                    "'pg_num' must be greater than 0 and less than or equal to " + PoolCommands.MAX_POOL_PG_NUM
                            + " (you may adjust 'mon max pool pg num' for higher values)"));
        }
        Optional<CommandResult> tooMany =
                PoolCommands.checkPlacementGroups(cluster, pool.id(), value.get(), pool.size());
        if (tooMany.isPresent()) {
            return tooMany;
        }
        pool.setPgNum(value.get().intValue());
        pool.setPgpNum(value.get().intValue());
        return Optional.empty();
    }

    private static Optional<CommandResult> setPgpNum(SimulatedPool pool, Optional<Long> value) {
        if (value.isEmpty() || value.get() <= 0) {
            return Optional.of(refused(EINVAL, "specified pgp_num must > 0, but you set to " + value.orElse(0L)));
        }
        if (value.get() > pool.pgNum()) {
            return Optional.of(refused(EINVAL, "specified pgp_num " + value.get() + " > pg_num " + pool.pgNum()));
        }
        pool.setPgpNum(value.get().intValue());
        return Optional.empty();
    }

    private static Optional<CommandResult> setCrushRule(SimulatedCluster cluster, SimulatedPool pool, String value) {
        Optional<SimulatedCrushMap.Rule> rule = cluster.crush().rule(value);
        if (rule.isEmpty()) {
            return Optional.of(refused(ENOENT, "crush rule " + value + " does not exist"));
        }
        if (pool.erasure()) {
            return Optional.of(
                    refused(EINVAL, "rule " + rule.get().id + " type 1 is not compatible with pool type erasure"));
        }
        pool.setCrushRule(rule.get().id);
        return Optional.empty();
    }

    private static Optional<CommandResult> setHashpspool(SimulatedPool pool, String value, boolean sure) {
        boolean on = value.equals("true") || value.equals("1");
        if (!on && !value.equals("false") && !value.equals("0")) {
            return Optional.of(refused(EINVAL, "expecting value 'true', 'false', '0', or '1'"));
        }
        if (!sure) {
            return Optional.of(refused(
                    EPERM,
                    "are you SURE?  this will remap all placement groups in this pool, this triggers large data"
                            + " movement, pass --yes-i-really-mean-it if you really do."));
        }
        pool.setFlags(on ? pool.flags() | SimulatedPool.HASHPSPOOL : pool.flags() & ~SimulatedPool.HASHPSPOOL);
        return Optional.empty();
    }

    private static Optional<CommandResult> setChoice(
            Consumer<String> setter, String value, List<String> choices, String refusal) {
        if (!choices.contains(value)) {
            return Optional.of(refused(EINVAL, refusal));
        }
        setter.accept(value);
        return Optional.empty();
    }
}
