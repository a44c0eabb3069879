package io.calamari.server.osd;

import io.calamari.ceph.model.Osd;
import io.calamari.ceph.model.OsdMap;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.FieldErrors;
import io.calamari.server.http.Requests;
import io.calamari.server.request.Completion;
import io.calamari.server.request.Expectation;
import io.calamari.server.request.RequestCommand;
import io.calamari.server.request.RequestPlan;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns OSD changes into validated {@link RequestPlan}s with Calamari's commands and headlines:
 * marking an OSD in, out or down and reweighting it, the scrub/deep-scrub/repair commands, and
 * setting or clearing the nine OSD map flags. Changes equal to the current state are dropped; when
 * nothing is left the plan is empty (304). Nothing here talks to Ceph. Stateless.
 */
public final class OsdRequests {
    private static final Set<String> OSD_FIELDS = Set.of("up", "in", "reweight");
    private static final double SAME_WEIGHT = 0.0001;

    private OsdRequests() {}

    /** PATCH of an OSD: {@code in}, {@code up} (only to false) and {@code reweight}. */
    public static Optional<RequestPlan> update(String clusterName, Osd osd, ObjectNode body) {
        FieldErrors errors = new FieldErrors();
        Requests.allowOnly(body, OSD_FIELDS, "PATCH", errors);
        Optional<Boolean> up = Requests.bool(body, "up", errors);
        Optional<Boolean> in = Requests.bool(body, "in", errors);
        Optional<Double> reweight = Requests.number(body, "reweight", errors);
        if (up.orElse(false) && !osd.up()) {
            errors.add("up", "An OSD cannot be marked up through the API: start its daemon, and Ceph marks it up");
        }
        if (reweight.filter(value -> value < 0 || value > 1).isPresent()) {
            errors.add("reweight", "Must be between 0.0 and 1.0");
        }
        errors.throwIfAny();

        String name = clusterName + "-osd." + osd.id();
        String id = Integer.toString(osd.id());
        List<RequestCommand> commands = new ArrayList<>();
        List<Expectation> expectations = new ArrayList<>();
        List<String> headlines = new ArrayList<>();
        StringJoiner changes = new StringJoiner(", ");
        in.filter(value -> value != osd.in()).ifPresent(value -> {
            commands.add(RequestCommand.mon(value ? "osd in" : "osd out", "ids", List.of(id)));
            expectations.add(new Expectation.OsdIn(osd.id(), value));
            headlines.add("Marking " + name + (value ? " in" : " out"));
            changes.add("in=" + value);
        });
        up.filter(value -> !value && osd.up()).ifPresent(value -> {
            commands.add(RequestCommand.mon("osd down", "ids", List.of(id)));
            expectations.add(new Expectation.OsdDown(osd.id(), osd.downAt()));
            headlines.add("Marking " + name + " down");
            changes.add("up=false");
        });
        reweight.filter(value -> Math.abs(value - osd.weight()) >= SAME_WEIGHT).ifPresent(value -> {
            commands.add(RequestCommand.mon("osd reweight", "id", osd.id(), "weight", value));
            expectations.add(new Expectation.OsdReweight(osd.id(), value));
            headlines.add(String.format(Locale.ROOT, "Re-weighting %s to %.1f%%", name, value * 100));
            changes.add("reweight=" + value);
        });
        if (commands.isEmpty()) {
            return Optional.empty();
        }
        String headline = headlines.size() == 1 ? headlines.get(0) : "Modifying " + name + " (" + changes + ")";
        return Optional.of(RequestPlan.osdMapChange(headline, commands, expectations));
    }

    /**
     * One of Calamari's OSD commands ({@code scrub}, {@code deep_scrub}, {@code repair}), sent to the
     * manager; complete when Ceph has accepted it.
     *
     * @throws CalamariException 404 for an unknown command, 409 when the OSD is down
     */
    public static RequestPlan command(String clusterName, Osd osd, String command) {
        if (!OsdRoutes.COMMANDS.contains(command)) {
            throw CalamariException.notFound("Unknown command '" + command + "'");
        }
        if (!OsdRoutes.validCommands(osd).contains(command)) {
            throw CalamariException.conflict(command + " not valid on osd." + osd.id() + ": the OSD is down");
        }
        String cephCommand = command.replace('_', '-');
        return new RequestPlan(
                "Initiating " + cephCommand + " on " + clusterName + "-osd." + osd.id(),
                List.of(RequestCommand.mgr("osd " + cephCommand, "who", Integer.toString(osd.id()))),
                new Completion.CommandsReturned(),
                List.of());
    }

    /** PATCH of {@code osd_config}: {@code osd set}/{@code osd unset} for each flag that changes. */
    public static Optional<RequestPlan> flags(String clusterName, OsdMap map, ObjectNode body) {
        FieldErrors errors = new FieldErrors();
        Map<String, Boolean> current = map.calamariFlags();
        List<RequestCommand> commands = new ArrayList<>();
        List<Expectation> expectations = new ArrayList<>();
        StringJoiner changes = new StringJoiner(", ");
        for (Iterator<String> names = body.propertyNames().iterator(); names.hasNext(); ) {
            String flag = names.next();
            if (!current.containsKey(flag)) {
                errors.add(flag, "Unknown flag; the flags are " + String.join(", ", OsdMap.CALAMARI_FLAGS));
                continue;
            }
            Optional<Boolean> wanted = Requests.bool(body, flag, errors);
            if (wanted.isPresent() && !wanted.get().equals(current.get(flag))) {
                commands.add(RequestCommand.mon(wanted.get() ? "osd set" : "osd unset", "key", flag));
                expectations.add(new Expectation.Flag(flag, wanted.get()));
                changes.add(flag + "=" + wanted.get());
            }
        }
        errors.throwIfAny();
        if (commands.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RequestPlan.osdMapChange(
                "Modifying OSD config " + clusterName + " (" + changes + ")", commands, expectations));
    }
}
