package io.calamari.server.crush;

import io.calamari.ceph.model.CrushMap;
import io.calamari.ceph.model.CrushRule;
import io.calamari.ceph.model.Pool;
import io.calamari.server.cluster.OsdMapPart;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.FieldErrors;
import io.calamari.server.error.ValidationException;
import io.calamari.server.http.Requests;
import io.calamari.server.request.Expectation;
import io.calamari.server.request.RequestCommand;
import io.calamari.server.request.RequestPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns CRUSH rule changes ({@code crush_rule}, Calamari 1.5) into validated {@link RequestPlan}s.
 * Nothing here talks to Ceph. Stateless.
 *
 * <p>Calamari 1.5 edited the text map for every rule change and replaced the whole map. Here the
 * monitor's own commands are used where they express the change, because they cannot overwrite a
 * concurrent change to another part of the map: a new rule of the shape {@code osd crush rule
 * create-replicated} makes (type replicated, min_size 1, max_size 10, steps {@code take <root>
 * [class <class>]}, {@code chooseleaf_firstn 0 type <type>}, {@code emit}, and no ruleset or the id
 * Ceph would pick) is created with it; a change of name alone is {@code osd crush rule rename}.
 * Any other rule (erasure, several takes, {@code set_*} steps, another ruleset...) is written into
 * the snapshot's text map, compiled with crushtool at validation time (its refusal is a 400 under
 * {@code steps}) and set with {@code osd setcrushmap}. That path needs crushtool (else 503) and,
 * like Calamari, overwrites a CRUSH change made outside this server between the snapshot and the
 * command.
 *
 * <p>On Pacific a rule's ruleset is its id: {@code ruleset} picks the id of a new rule (0 to 255;
 * by default the lowest free one) and renumbers a rule on PATCH. Ceph itself refuses a map in which
 * a pool's rule is missing or of the wrong type. Deleting a rule a pool uses is 409 (Ceph would
 * answer {@code EBUSY: crush ruleset x 0 is in use}, which still reaches the request's error if a
 * pool takes the rule meanwhile).
 */
public final class CrushRuleRequests {
    private static final Set<String> ALLOWED = Set.of("name", "type", "min_size", "max_size", "steps", "ruleset");
    private static final List<String> CREATE_REQUIRED = List.of("name", "type", "min_size", "max_size", "steps");
    private static final List<String> TYPES = List.of("replicated", "erasure");
    private static final int MAXIMUM = 255;

    private CrushRuleRequests() {}

    /** A new rule; complete once the OSD map shows it. */
    public static RequestPlan create(String clusterName, OsdMapPart part, ObjectNode body, CrushTool crushTool) {
        CrushMap crush = part.crush();
        FieldErrors errors = new FieldErrors();
        Requests.allowOnly(body, ALLOWED, "POST", errors);
        Requests.require(body, CREATE_REQUIRED, "POST", errors);
        int freeId = lowestFreeId(crush);
        CrushRuleDefinition rule = read(body, crush, Optional.empty(), freeId, errors);
        CrushRequests.throwIfAny(errors, nameTaken(crush, rule, Optional.empty()));

        RequestCommand command =
                createReplicated(crush, rule, freeId).orElseGet(() -> setRule(part, crushTool, Optional.empty(), rule));
        return RequestPlan.osdMapChange(
                "Creating CRUSH rule in " + clusterName,
                List.of(command),
                List.of(new Expectation.CrushRulePresent(rule.name())));
    }

    /** A change to a rule, merged with its current values; empty when it would change nothing (304). */
    public static Optional<RequestPlan> update(
            String clusterName, OsdMapPart part, CrushRule current, ObjectNode body, CrushTool crushTool) {
        CrushMap crush = part.crush();
        FieldErrors errors = new FieldErrors();
        Requests.allowOnly(body, ALLOWED, "PATCH", errors);
        CrushRuleDefinition before = CrushRuleDefinition.of(current);
        CrushRuleDefinition after = read(body, crush, Optional.of(before), before.id(), errors);
        CrushRequests.throwIfAny(errors, nameTaken(crush, after, Optional.of(before)));
        if (after.equals(before)) {
            return Optional.empty();
        }
        RequestCommand command = after.equals(before.withName(after.name()))
                ? RequestCommand.mon("osd crush rule rename", "srcname", before.name(), "dstname", after.name())
                : setRule(part, crushTool, Optional.of(before.name()), after);
        return Optional.of(RequestPlan.osdMapChange(
                "Updating CRUSH rule in " + clusterName,
                List.of(command),
                List.of(new Expectation.CrushRulePresent(after.name()))));
    }

    /**
     * Removing a rule.
     *
     * @throws CalamariException 409 while a pool uses the rule
     */
    public static RequestPlan delete(String clusterName, OsdMapPart part, CrushRule rule) {
        List<String> pools = part.map().pools().stream()
                .filter(pool -> pool.crushRule() == rule.id())
                .map(Pool::name)
                .toList();
        if (!pools.isEmpty()) {
            throw CalamariException.conflict(
                    "CRUSH rule " + rule.name() + " is used by pool " + String.join(", ", pools));
        }
        return RequestPlan.osdMapChange(
                "Removing CRUSH rule in " + clusterName,
                List.of(RequestCommand.mon("osd crush rule rm", "name", rule.name())),
                List.of(new Expectation.CrushRuleAbsent(rule.name())));
    }

    /** The rule the body describes, each absent field taken from {@code current} (or the default id). */
    private static CrushRuleDefinition read(
            ObjectNode body, CrushMap crush, Optional<CrushRuleDefinition> current, int defaultId, FieldErrors errors) {
        String name = Requests.string(body, "name", errors)
                .orElse(current.map(CrushRuleDefinition::name).orElse(""));
        String type = Requests.string(body, "type", errors)
                .orElse(current.map(CrushRuleDefinition::type).orElse("replicated"));
        long id = Requests.integer(body, "ruleset", errors).orElse((long) defaultId);
        long minSize = Requests.integer(body, "min_size", errors)
                .orElse(current.map(rule -> (long) rule.minSize()).orElse(1L));
        long maxSize = Requests.integer(body, "max_size", errors)
                .orElse(current.map(rule -> (long) rule.maxSize()).orElse(10L));
        List<CrushRuleDefinition.Step> steps = body.hasNonNull("steps")
                ? CrushRuleDefinition.readSteps(body.get("steps"), crush, errors)
                : current.map(CrushRuleDefinition::steps).orElse(List.of());
        int ownId = current.map(CrushRuleDefinition::id).orElse(-1);
        if (body.hasNonNull("name")
                && !name.equals(current.map(CrushRuleDefinition::name).orElse(""))) {
            checkName(crush, name, errors);
        }
        if (!TYPES.contains(type)) {
            errors.add("type", "Must be one of " + String.join(", ", TYPES));
        }
        if (id < 0 || id > MAXIMUM) {
            errors.add("ruleset", "Must be between 0 and " + MAXIMUM);
        } else if (id != ownId) {
            crush.rule((int) id)
                    .ifPresent(other -> errors.add("ruleset", "Ruleset " + id + " is rule " + other.name()));
        }
        checkSize("min_size", minSize, errors);
        checkSize("max_size", maxSize, errors);
        if (minSize > maxSize) {
            errors.add("max_size", "Must not be below min_size");
        }
        return new CrushRuleDefinition(name, (int) id, type, (int) minSize, (int) maxSize, steps);
    }

    private static boolean nameTaken(CrushMap crush, CrushRuleDefinition rule, Optional<CrushRuleDefinition> current) {
        return current.filter(before -> before.name().equals(rule.name())).isEmpty()
                && crush.rules().stream().anyMatch(other -> other.name().equals(rule.name()));
    }

    private static void checkName(CrushMap crush, String name, FieldErrors errors) {
        if (!CrushRequests.NAME.matcher(name).matches()) {
            errors.add("name", "CRUSH names may contain only letters, digits, '.', '_' and '-'");
        } else if (crush.rules().stream().anyMatch(rule -> rule.name().equals(name))) {
            errors.add("name", "CRUSH rule with name " + name + " already exists");
        }
    }

    private static void checkSize(String field, long value, FieldErrors errors) {
        if (value < 1 || value > MAXIMUM) {
            errors.add(field, "Must be between 1 and " + MAXIMUM);
        }
    }

    /** {@code osd crush rule create-replicated} when it makes exactly this rule. */
    private static Optional<RequestCommand> createReplicated(CrushMap crush, CrushRuleDefinition rule, int freeId) {
        List<CrushRuleDefinition.Step> steps = rule.steps();
        boolean shape = rule.type().equals("replicated")
                && rule.minSize() == 1
                && rule.maxSize() == 10
                && rule.id() == freeId
                && steps.size() == 3
                && steps.get(0).op().equals("take")
                && steps.get(0).item().flatMap(crush::bucket).isPresent()
                && steps.get(1).op().equals("chooseleaf_firstn")
                && steps.get(1).number().orElse(0) == 0
                && steps.get(2).op().equals("emit");
        if (!shape) {
            return Optional.empty();
        }
        List<Object> arguments = new ArrayList<>(List.of(
                "name",
                rule.name(),
                "root",
                steps.get(0).item().orElseThrow(),
                "type",
                steps.get(1).bucketType().orElseThrow()));
        steps.get(0).deviceClass().ifPresent(deviceClass -> arguments.addAll(List.of("class", deviceClass)));
        return Optional.of(RequestCommand.mon("osd crush rule create-replicated", arguments.toArray()));
    }

    /** {@code osd setcrushmap} of the snapshot's map with the rule added or replaced; 400 if crushtool refuses it. */
    private static RequestCommand setRule(
            OsdMapPart part, CrushTool crushTool, Optional<String> replaced, CrushRuleDefinition rule) {
        String text = CrushText.putRule(CrushRequests.editableText(part, crushTool), replaced, rule.block());
        try {
            return CrushRequests.setCrushMap(crushTool.compile(text));
        } catch (CrushTool.InvalidMapException e) {
            throw ValidationException.of("steps", "crushtool refused the rule: " + e.problem());
        }
    }

    /** The id {@code osd crush rule create-replicated} would give a new rule: the lowest one not taken. */
    static int lowestFreeId(CrushMap crush) {
        int id = 0;
        while (crush.rule(id).isPresent()) {
            id++;
        }
        return id;
    }
}
