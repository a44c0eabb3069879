package io.calamari.simulator;

import static io.calamari.simulator.Arguments.EBUSY;
import static io.calamari.simulator.Arguments.EEXIST;
import static io.calamari.simulator.Arguments.EINVAL;
import static io.calamari.simulator.Arguments.ENOENT;
import static io.calamari.simulator.Arguments.ENOTEMPTY;
import static io.calamari.simulator.Arguments.done;
import static io.calamari.simulator.Arguments.refused;

import io.calamari.ceph.rados.CommandResult;
import io.calamari.simulator.CommandTable.Command;
import io.calamari.simulator.SimulatedCrushMap.Bucket;
import io.calamari.simulator.SimulatedCrushMap.Rule;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code osd crush} commands the server's CRUSH node and rule requests send: {@code add-bucket},
 * {@code move}, {@code create-or-move}, {@code reweight}, {@code rename-bucket}, {@code unlink},
 * {@code remove}, and {@code rule create-replicated}/{@code rename}/{@code rm}. Each accepted
 * change makes a new CRUSH version and one new OSD map; an idempotent repeat makes none. Called with
 * the cluster's lock held. Stateless.
 */
final class CrushCommands {
    private CrushCommands() {}

    static List<Command> commands() {
        List<String> name = List.of("name", "CephString", "true");
        List<String> location = List.of("args", "CephString", "false", "n", "N");
        return List.of(
                Command.osdWrite(
                        "osd crush add-bucket",
                        "add no-parent (probably root) crush bucket <name> of type <type>",
                        List.of(name, List.of("type", "CephString", "true"), location),
                        CrushCommands::addBucket),
                Command.osdWrite(
                        "osd crush move",
                        "move existing entry for <name> to location <args>",
                        List.of(name, location),
                        CrushCommands::move),
                Command.osdWrite(
                        "osd crush create-or-move",
                        "create entry or move existing entry for <name> <weight> at/to location <args>",
                        List.of(
                                List.of("id", "CephOsdName", "true"),
                                List.of("weight", "CephFloat", "true", "range", "0.0"),
                                location),
                        CrushCommands::createOrMove),
                Command.osdWrite(
                        "osd crush reweight",
                        "change <name>'s weight to <weight> in crush map",
                        List.of(name, List.of("weight", "CephFloat", "true", "range", "0.0")),
                        CrushCommands::reweight),
                Command.osdWrite(
                        "osd crush rename-bucket",
                        "rename bucket <srcname> to <dstname>",
                        List.of(List.of("srcname", "CephString", "true"), List.of("dstname", "CephString", "true")),
                        CrushCommands::renameBucket),
                Command.osdWrite(
                        "osd crush unlink",
                        "unlink <name> from crush map (everywhere, or just at <ancestor>)",
                        List.of(name, List.of("ancestor", "CephString", "false")),
                        CrushCommands::unlink),
                Command.osdWrite(
                        "osd crush remove",
                        "remove <name> from crush map (everywhere, or just at <ancestor>)",
                        List.of(name, List.of("ancestor", "CephString", "false")),
                        CrushCommands::remove),
                Command.osdWrite(
                        "osd crush rule create-replicated",
                        "create crush rule <name> for replicated pool to start from <root>, replicate across "
                                + "buckets of type <type>, use devices of type <class> (ssd or hdd)",
                        List.of(
                                name,
                                List.of("root", "CephString", "true"),
                                List.of("type", "CephString", "true"),
                                List.of("class", "CephString", "false")),
                        CrushCommands::createRule),
                Command.osdWrite(
                        "osd crush rule rename",
                        "rename crush rule <srcname> to <dstname>",
                        List.of(List.of("srcname", "CephString", "true"), List.of("dstname", "CephString", "true")),
                        CrushCommands::renameRule),
                Command.osdWrite(
                        "osd crush rule rm", "remove crush rule <name>", List.of(name), CrushCommands::removeRule));
    }

    /** A new CRUSH version and OSD map, then {@code status}. */
    private static CommandResult changed(SimulatedCluster cluster, String status) {
        cluster.crush().changed();
        cluster.nextOsdMapEpoch();
        return done(status);
    }

    private static String itemName(SimulatedCrushMap crush, int item) {
        return item >= 0 ? "osd." + item : crush.bucket(item).orElseThrow().name;
    }

    /** The item a name stands for: a bucket's id, or an OSD's for {@code osd.N}. */
    private static Optional<Integer> item(SimulatedCluster cluster, String name) {
        Optional<Bucket> bucket = cluster.crush().bucket(name);
        if (bucket.isPresent()) {
            return Optional.of(bucket.get().id);
        }
        int osd = name.startsWith("osd.") ? Arguments.osdId(name) : -1;
        return osd >= 0 && osd < cluster.osdCount() ? Optional.of(osd) : Optional.empty();
    }

    /** The bucket a location ({@code [type=name, ...]}) names first that exists. */
    private static Optional<Bucket> target(SimulatedCrushMap crush, Map<String, Object> arguments) {
        for (String pair : Arguments.strings(arguments, "args")) {
            int equals = pair.indexOf('=');
            Optional<Bucket> bucket = equals < 0 ? Optional.empty() : crush.bucket(pair.substring(equals + 1));
            if (bucket.isPresent()) {
                return bucket;
            }
        }
        return Optional.empty();
    }

    private static String location(Map<String, Object> arguments) {
        return "{" + String.join(",", Arguments.strings(arguments, "args")) + "}";
    }

    private static CommandResult addBucket(SimulatedCluster cluster, Map<String, Object> arguments) {
        String name = Arguments.string(arguments, "name").orElse("");
        String type = Arguments.string(arguments, "type").orElse("");
        if (cluster.crush().bucket(name).isPresent()) {
            return done("bucket '" + name + "' already exists");
        }
        int typeId = SimulatedCrushMap.typeId(type);
        if (typeId <= 0) {
            return refused(EINVAL, "type '" + type + "' does not exist");
        }
        if (!name.matches("[A-Za-z0-9_.\\-]+")) {
            return refused(EINVAL, "'" + name + "' is not a valid crush name");
        }
        cluster.crush().addBucket(name, typeId);
        return changed(cluster, "added bucket " + name + " type " + type + " to crush map");
    }

    private static CommandResult move(SimulatedCluster cluster, Map<String, Object> arguments) {
        SimulatedCrushMap crush = cluster.crush();
        String name = Arguments.string(arguments, "name").orElse("");
        Optional<Bucket> bucket = crush.bucket(name);
        if (bucket.isEmpty()) {
            return refused(ENOENT, "item " + name + " does not exist");
        }
        Optional<Bucket> target = target(crush, arguments);
        if (target.isEmpty()) {
            return refused(ENOENT, "no bucket in location " + location(arguments));
        }
        if (crush.isUnder(target.get().id, bucket.get().id)) {
            return refused(EINVAL, "cannot move " + name + " under itself");
        }
        if (target.get().items.contains(bucket.get().id)) {
            return done("no need to move item id " + bucket.get().id + " name '" + name + "' to location "
                    + location(arguments) + " in crush map");
        }
        crush.unlinkEverywhere(bucket.get().id);
        target.get().items.add(bucket.get().id);
        return changed(
                cluster,
                "moved item id " + bucket.get().id + " name '" + name + "' to location " + location(arguments)
                        + " in crush map");
    }

    private static CommandResult createOrMove(SimulatedCluster cluster, Map<String, Object> arguments) {
        SimulatedCrushMap crush = cluster.crush();
        int osd = Arguments.osdId(Arguments.string(arguments, "id").orElse(""));
        Optional<Double> weight = Arguments.decimal(arguments, "weight");
        if (osd < 0 || osd >= cluster.osdCount()) {
            return refused(
                    ENOENT, "osd." + arguments.get("id") + " does not exist.  create it before updating the crush map");
        }
        Optional<Bucket> target = target(crush, arguments);
        if (target.isEmpty() || weight.isEmpty()) {
            return refused(ENOENT, "no bucket in location " + location(arguments));
        }
        if (target.get().items.contains(osd)) {
            return done("create-or-move updated item name 'osd." + osd + "' weight " + weight.get() + " at location "
                    + location(arguments) + " to crush map");
        }
        boolean linked = crush.parent(osd).isPresent();
        crush.unlinkEverywhere(osd);
        if (!linked) {
            crush.setOsdWeight(osd, (int) Math.round(weight.get() * 0x10000));
        }
        target.get().items.add(osd);
        return changed(
                cluster,
                "create-or-move updating item name 'osd." + osd + "' weight " + weight.get() + " at location "
                        + location(arguments) + " to crush map");
    }

    private static CommandResult reweight(SimulatedCluster cluster, Map<String, Object> arguments) {
        String name = Arguments.string(arguments, "name").orElse("");
        int osd = name.startsWith("osd.") ? Arguments.osdId(name) : -1;
        Optional<Double> weight = Arguments.decimal(arguments, "weight");
        if (osd < 0 || osd >= cluster.osdCount() || cluster.crush().parent(osd).isEmpty()) {
            return refused(ENOENT, "device '" + name + "' does not appear in the crush map");
        }
        if (weight.isEmpty() || weight.get() < 0) {
            return refused(EINVAL, "invalid weight " + arguments.get("weight"));
        }
        cluster.crush().setOsdWeight(osd, (int) Math.round(weight.get() * 0x10000));
        return changed(
                cluster,
                String.format(
                        Locale.ROOT, "reweighted item id %d name '%s' to %s in crush map", osd, name, weight.get()));
    }

    private static CommandResult renameBucket(SimulatedCluster cluster, Map<String, Object> arguments) {
        SimulatedCrushMap crush = cluster.crush();
        String source = Arguments.string(arguments, "srcname").orElse("");
        String destination = Arguments.string(arguments, "dstname").orElse("");
        Optional<Bucket> bucket = crush.bucket(source);
        if (bucket.isEmpty()) {
            return crush.bucket(destination).isPresent()
                    ? done("already renamed to '" + destination + "'")
                    : refused(ENOENT, "srcname = '" + source + "' does not exist");
        }
        if (crush.bucket(destination).isPresent()) {
            return refused(EEXIST, "dstname = '" + destination + "' already exists");
        }
        bucket.get().name = destination;
        return changed(cluster, "renamed bucket " + source + " into " + destination);
    }

    private static CommandResult unlink(SimulatedCluster cluster, Map<String, Object> arguments) {
        return removeOrUnlink(cluster, arguments, true);
    }

    private static CommandResult remove(SimulatedCluster cluster, Map<String, Object> arguments) {
        return removeOrUnlink(cluster, arguments, false);
    }

    private static CommandResult removeOrUnlink(
            SimulatedCluster cluster, Map<String, Object> arguments, boolean unlinkOnly) {
        SimulatedCrushMap crush = cluster.crush();
        String name = Arguments.string(arguments, "name").orElse("");
        Optional<Integer> item = item(cluster, name);
        if (item.isEmpty() || (item.get() >= 0 && crush.parent(item.get()).isEmpty())) {
            return done("device '" + name + "' does not appear in the crush map");
        }
        int id = item.get();
        Optional<String> ancestor = Arguments.string(arguments, "ancestor");
        if (ancestor.isPresent()) {
            Optional<Bucket> from = crush.bucket(ancestor.get());
            if (from.isEmpty()) {
                return refused(ENOENT, "ancestor item '" + ancestor.get() + "' does not appear in the crush map");
            }
            from.get().items.remove(Integer.valueOf(id));
            return changed(
                    cluster,
                    (unlinkOnly ? "unlinked" : "removed") + " item id " + id + " name '" + name + "' from crush map");
        }
        if (id < 0 && !unlinkOnly) {
            Bucket bucket = crush.bucket(id).orElseThrow();
            if (!bucket.items.isEmpty()) {
                return refused(ENOTEMPTY, "bucket '" + name + "' is not empty");
            }
            if (crush.rules().stream().anyMatch(rule -> rule.root == id)) {
                return refused(EBUSY, "bucket '" + name + "' is used by a crush rule");
            }
            crush.buckets().remove(bucket);
        }
        crush.unlinkEverywhere(id);
        return changed(
                cluster,
                (unlinkOnly ? "unlinked" : "removed") + " item id " + id + " name '" + name + "' from crush map");
    }

    private static CommandResult createRule(SimulatedCluster cluster, Map<String, Object> arguments) {
        SimulatedCrushMap crush = cluster.crush();
        String name = Arguments.string(arguments, "name").orElse("");
        String root = Arguments.string(arguments, "root").orElse("");
        String type = Arguments.string(arguments, "type").orElse("");
        Optional<String> deviceClass = Arguments.string(arguments, "class");
        if (crush.rule(name).isPresent()) {
            return done("rule " + name + " already exists");
        }
        Optional<Bucket> bucket = crush.bucket(root);
        if (bucket.isEmpty()) {
            return refused(ENOENT, "root item " + root + " does not exist");
        }
        if (SimulatedCrushMap.typeId(type) < 0) {
            return refused(EINVAL, "unknown type " + type);
        }
        if (deviceClass.isPresent() && !deviceClass.get().equals("hdd")) {
            return refused(EINVAL, "device class " + deviceClass.get() + " does not exist");
        }
        crush.rules()
                .add(new Rule(
                        crush.freeRuleId(),
                        name,
                        bucket.get().id,
                        deviceClass.isPresent(),
                        SimulatedCrushMap.typeId(type)));
        return changed(cluster, "");
    }

    private static CommandResult renameRule(SimulatedCluster cluster, Map<String, Object> arguments) {
        SimulatedCrushMap crush = cluster.crush();
        String source = Arguments.string(arguments, "srcname").orElse("");
        String destination = Arguments.string(arguments, "dstname").orElse("");
        Optional<Rule> rule = crush.rule(source);
        if (rule.isEmpty()) {
            return crush.rule(destination).isPresent()
                    ? done("already renamed to '" + destination + "'")
                    : refused(ENOENT, "rule '" + source + "' does not exist");
        }
        if (crush.rule(destination).isPresent()) {
            return refused(EEXIST, "rule '" + destination + "' already exists");
        }
        rule.get().name = destination;
        return changed(cluster, "");
    }

    private static CommandResult removeRule(SimulatedCluster cluster, Map<String, Object> arguments) {
        SimulatedCrushMap crush = cluster.crush();
        String name = Arguments.string(arguments, "name").orElse("");
        Optional<Rule> rule = crush.rule(name);
        if (rule.isEmpty()) {
            return done("rule " + name + " does not exist");
        }
        if (cluster.pools().stream().anyMatch(pool -> pool.crushRule() == rule.get().id)) {
            return refused(EBUSY, "crush ruleset " + name + " " + rule.get().id + " is in use");
        }
        crush.rules().remove(rule.get());
        return changed(cluster, "");
    }
}
