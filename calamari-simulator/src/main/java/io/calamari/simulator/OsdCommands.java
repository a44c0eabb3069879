package io.calamari.simulator;

import static io.calamari.simulator.Arguments.EAGAIN;
import static io.calamari.simulator.Arguments.EINVAL;
import static io.calamari.simulator.Arguments.ENOENT;
import static io.calamari.simulator.Arguments.done;
import static io.calamari.simulator.Arguments.refused;

import io.calamari.ceph.rados.CommandResult;
import io.calamari.simulator.CommandTable.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The OSD commands the server's requests send, as Pacific's monitors and manager answer them:
 * {@code osd set}/{@code unset} (a new OSD map even when the flag is already so),
 * {@code osd out}/{@code in}/{@code down} (a new map only when an OSD changed),
 * {@code osd reweight}, the manager's {@code osd scrub}/{@code deep-scrub}/{@code repair} (which
 * queue the PGs the OSDs are primary for, a repair as a deep scrub, and change no map), and {@code osd setcrushmap}, refused because the simulator cannot decode a
 * compiled map. Called with the cluster's lock held. Stateless.
 */
final class OsdCommands {
    private OsdCommands() {}

    static List<Command> commands() {
        List<List<String>> ids = List.of(List.of("ids", "CephString", "true", "n", "N"));
        return List.of(
                Command.osdWrite(
                        "osd set", "set <key>", List.of(key(OsdMapFlags.SETTABLE)), (c, a) -> setFlag(c, a, true)),
                Command.osdWrite(
                        "osd unset",
                        "unset <key>",
                        List.of(key(OsdMapFlags.UNSETTABLE)),
                        (c, a) -> setFlag(c, a, false)),
                Command.osdWrite("osd out", "set osd(s) <id> [<id>...] out", ids, (c, a) -> mark(c, a, "out")),
                Command.osdWrite("osd in", "set osd(s) <id> [<id>...] in", ids, (c, a) -> mark(c, a, "in")),
                Command.osdWrite("osd down", "set osd(s) <id> [<id>...] down", ids, (c, a) -> mark(c, a, "down")),
                Command.osdWrite(
                        "osd reweight",
                        "reweight osd to 0.0 < <weight> < 1.0",
                        List.of(
                                List.of("id", "CephOsdName", "true"),
                                List.of("weight", "CephFloat", "true", "range", "0.0|1.0")),
                        OsdCommands::reweight),
                Command.osdWrite(
                        "osd setcrushmap",
                        "set crush map from input file",
                        List.of(List.of("prior_version", "CephInt", "false")),
                        (c, a) -> refused(
                                EINVAL, "Failed to parse crushmap: the simulator does not decode compiled CRUSH maps")),
                scrub("osd scrub", "initiate scrub on osd <who>, or use <all|any> to scrub all"),
                scrub("osd deep-scrub", "initiate deep scrub on osd <who>, or use <all|any> to deep scrub all"),
                scrub("osd repair", "initiate repair on osd <who>, or use <all|any> to repair all"));
    }

    private static List<String> key(String choices) {
        return List.of("key", "CephChoices", "true", "strings", choices);
    }

    private static Command scrub(String prefix, String help) {
        String operation = prefix.substring("osd ".length());
        return new Command(
                prefix,
                true,
                "osd",
                "rw",
                help,
                List.of(List.of("who", "CephString", "true")),
                (cluster, arguments) -> scrub(cluster, arguments, operation));
    }

    private static CommandResult setFlag(SimulatedCluster cluster, Map<String, Object> arguments, boolean set) {
        String key = Arguments.string(arguments, "key").orElse("");
        Optional<Integer> bits = OsdMapFlags.bits(key, set);
        if (bits.isEmpty()) {
            return refused(EINVAL, "unrecognized flag '" + key + "'");
        }
        cluster.setFlags(set ? cluster.flags() | bits.get() : cluster.flags() & ~bits.get());
        cluster.nextOsdMapEpoch();
        return done(key + (set ? " is set" : " is unset"));
    }

    /** {@code osd out}, {@code in} or {@code down} of each id, with Ceph's status line per OSD. */
    private static CommandResult mark(SimulatedCluster cluster, Map<String, Object> arguments, String how) {
        List<String> ids = Arguments.strings(arguments, "ids");
        if (ids.isEmpty()) {
            return Arguments.missing("ids");
        }
        List<Integer> osds = new ArrayList<>();
        for (String id : ids) {
            int osd = Arguments.osdId(id);
            if (osd < 0 || osd >= cluster.osdCount()) {
                return refused(ENOENT, "osd." + id.replace("osd.", "") + " does not exist. ");
            }
            osds.add(osd);
        }
        StringBuilder status = new StringBuilder();
        boolean changed = false;
        for (int osd : osds) {
            boolean already = switch (how) {
                case "out" -> !cluster.osdIn(osd);
                case "in" -> cluster.osdIn(osd);
                default -> !cluster.osdUp(osd);
            };
            if (already) {
                status.append("osd.")
                        .append(osd)
                        .append(" is already ")
                        .append(how)
                        .append(". ");
                continue;
            }
            changed = true;
            status.append("marked ").append(how).append(" osd.").append(osd).append(". ");
            switch (how) {
                case "out" -> cluster.setOsdWeight(osd, 0);
                case "in" -> cluster.setOsdWeight(osd, SimulatedCluster.FULL_WEIGHT);
                default -> cluster.markOsdDown(osd);
            }
        }
        if (changed) {
            // One new map for the whole command, as the monitors make; out and in move PGs.
            cluster.nextOsdMapEpoch();
            if (!how.equals("down")) {
                cluster.remap();
            }
            cluster.refreshPlacementGroupStates();
        }
        return done(status.toString());
    }

    private static CommandResult reweight(SimulatedCluster cluster, Map<String, Object> arguments) {
        int osd = Arguments.osdId(Arguments.string(arguments, "id").orElse(""));
        Optional<Double> weight = Arguments.decimal(arguments, "weight");
        if (weight.isEmpty()) {
            return Arguments.missing("weight");
        }
        if (osd < 0 || osd >= cluster.osdCount()) {
            return refused(ENOENT, "osd." + arguments.get("id") + " does not exist");
        }
        if (weight.get() < 0 || weight.get() > 1) {
            return refused(EINVAL, "weight must be in the range [0..1]");
        }
        int fixed = (int) (SimulatedCluster.FULL_WEIGHT * weight.get().floatValue());
        boolean wasIn = cluster.osdIn(osd);
        cluster.setOsdWeight(osd, fixed);
        cluster.nextOsdMapEpoch();
        if (wasIn != cluster.osdIn(osd)) {
            cluster.remap();
        }
        return done(String.format(Locale.ROOT, "reweighted osd.%d to %s (%x)", osd, shortest(weight.get()), fixed));
    }

    /** A weight as C++ streams print a double: {@code 0.5}, {@code 1}. */
    private static String shortest(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static CommandResult scrub(SimulatedCluster cluster, Map<String, Object> arguments, String operation) {
        String who = Arguments.string(arguments, "who").orElse("");
        List<Integer> osds = new ArrayList<>();
        if (who.equals("*") || who.equals("all") || who.equals("any")) {
            for (int osd = 0; osd < cluster.osdCount(); osd++) {
                osds.add(osd);
            }
        } else {
            int osd = Arguments.osdId(who);
            if (osd < 0 || osd >= cluster.osdCount()) {
                return refused(EINVAL, "invalid osd '" + who + "'");
            }
            osds.add(osd);
        }
        List<Integer> notUp = osds.stream().filter(osd -> !cluster.osdUp(osd)).toList();
        if (!notUp.isEmpty()) {
            return refused(EAGAIN, "failed to instruct osd(s) " + join(notUp) + " (not up)");
        }
        boolean[] chosen = new boolean[cluster.osdCount()];
        osds.forEach(osd -> chosen[osd] = true);
        cluster.scrubs().request(chosen, !operation.equals("scrub"));
        return done("instructed osd(s) " + join(osds) + " to " + operation);
    }

    private static String join(List<Integer> osds) {
        StringBuilder joined = new StringBuilder();
        osds.forEach(osd -> joined.append(joined.length() == 0 ? "" : ",").append(osd));
        return joined.toString();
    }
}
