package io.calamari.server.crush;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.CrushMap;
import io.calamari.ceph.model.CrushRule;
import io.calamari.ceph.model.CrushStep;
import io.calamari.ceph.model.CrushType;
import io.calamari.server.error.FieldErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/**
 * A CRUSH rule as the {@code crush_rule} resource writes it, normalised so that a rule read from
 * {@code osd crush dump} and the same rule sent by a client are equal, and printable as a rule
 * block of Ceph's text map. Immutable.
 *
 * @param id the rule id, which Pacific also prints as its {@code ruleset}
 */
record CrushRuleDefinition(String name, int id, String type, int minSize, int maxSize, List<Step> steps) {
    /** The ops of {@code osd crush dump} with a count and a bucket type. */
    static final Set<String> CHOOSE_OPS =
            Set.of("choose_firstn", "choose_indep", "chooseleaf_firstn", "chooseleaf_indep");
    /** The ops of {@code osd crush dump} with only a count. */
    static final Set<String> SET_OPS = Set.of(
            "set_choose_tries",
            "set_chooseleaf_tries",
            "set_choose_local_tries",
            "set_choose_local_fallback_tries",
            "set_chooseleaf_vary_r",
            "set_chooseleaf_stable");

    private static final Set<String> STEP_FIELDS = Set.of("op", "item", "item_name", "num", "type");

    /**
     * One step: {@code take} has {@code item} (a bucket or device name) and maybe a device class;
     * the choose ops have {@code number} and {@code bucketType}; the set ops have {@code number}.
     */
    record Step(
            String op,
            Optional<String> item,
            Optional<String> deviceClass,
            Optional<Integer> number,
            Optional<String> bucketType) {
        Step {
            requireNonNull(op, "op");
            requireNonNull(item, "item");
            requireNonNull(deviceClass, "deviceClass");
            requireNonNull(number, "number");
            requireNonNull(bucketType, "bucketType");
        }

        static Step take(String item, Optional<String> deviceClass) {
            return new Step("take", Optional.of(item), deviceClass, Optional.empty(), Optional.empty());
        }

        /** The step as a line of a text map's rule block. */
        String line() {
            if (op.equals("take")) {
                return "step take " + item.orElseThrow()
                        + deviceClass.map(name -> " class " + name).orElse("");
            }
            if (CHOOSE_OPS.contains(op)) {
                String[] parts = op.split("_");
                return "step " + parts[0] + " " + parts[1] + " " + number.orElse(0) + " type "
                        + bucketType.orElseThrow();
            }
            return SET_OPS.contains(op) ? "step " + op + " " + number.orElseThrow() : "step " + op;
        }
    }

    CrushRuleDefinition {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        steps = List.copyOf(steps);
    }

    /** An existing rule, as it would be written back. */
    static CrushRuleDefinition of(CrushRule rule) {
        List<Step> steps = new ArrayList<>();
        for (CrushStep step : rule.steps()) {
            Optional<Integer> number =
                    step.number().isPresent() ? Optional.of(step.number().getAsInt()) : Optional.empty();
            if (step.op().equals("take")) {
                String item =
                        step.itemName().orElse(Integer.toString(step.item().orElse(0)));
                steps.add(take(item));
            } else {
                steps.add(new Step(step.op(), Optional.empty(), Optional.empty(), number, step.type()));
            }
        }
        return new CrushRuleDefinition(rule.name(), rule.id(), rule.typeName(), rule.minSize(), rule.maxSize(), steps);
    }

    CrushRuleDefinition withName(String newName) {
        return new CrushRuleDefinition(newName, id, type, minSize, maxSize, steps);
    }

    /** The rule block of a text map. */
    String block() {
        StringJoiner block = new StringJoiner("\n\t", "rule " + name + " {\n\t", "\n}\n");
        block.add("id " + id);
        block.add("type " + type);
        block.add("min_size " + minSize);
        block.add("max_size " + maxSize);
        steps.forEach(step -> block.add(step.line()));
        return block.toString();
    }

    /**
     * The body's {@code steps}, in {@code osd crush dump}'s form ({@code [{"op": "take", "item_name":
     * "default"}, {"op": "chooseleaf_firstn", "num": 0, "type": "host"}, {"op": "emit"}]}); a {@code
     * take} of a device-class shadow ({@code default~hdd}, or its id) becomes a take with a class.
     * Errors are recorded under {@code steps}.
     */
    static List<Step> readSteps(JsonNode steps, CrushMap crush, FieldErrors errors) {
        if (!steps.isArray() || steps.isEmpty()) {
            errors.add("steps", "Expected a non-empty list of steps.");
            return List.of();
        }
        List<Step> result = new ArrayList<>();
        int index = 0;
        for (JsonNode step : steps) {
            index++;
            Optional<Step> read = readStep(step, crush);
            if (read.isEmpty()) {
                errors.add("steps", "Step " + index + " is not valid: " + step + describeOps());
            } else {
                result.add(read.get());
            }
        }
        return result;
    }

    private static Optional<Step> readStep(JsonNode step, CrushMap crush) {
        if (!step.isObject() || !step.path("op").isString()) {
            return Optional.empty();
        }
        for (String field : step.propertyNames()) {
            if (!STEP_FIELDS.contains(field)) {
                return Optional.empty();
            }
        }
        String op = step.get("op").asString();
        Optional<Integer> number =
                step.path("num").isInt() ? Optional.of(step.get("num").asInt()) : Optional.empty();
        if (op.equals("take")) {
            Optional<String> item = step.path("item_name").isString()
                    ? Optional.of(step.get("item_name").asString())
                    : Optional.empty();
            if (item.isEmpty() && step.path("item").isInt()) {
                item = crush.bucket(step.get("item").asInt()).map(bucket -> bucket.name());
            }
            return item.filter(name -> exists(crush, name)).map(CrushRuleDefinition::take);
        }
        if (CHOOSE_OPS.contains(op)) {
            Optional<String> type =
                    step.path("type").isString() ? Optional.of(step.get("type").asString()) : Optional.empty();
            boolean known = type.filter(
                            name -> crush.types().stream().map(CrushType::name).anyMatch(name::equals))
                    .isPresent();
            return known
                    ? Optional.of(
                            new Step(op, Optional.empty(), Optional.empty(), number.or(() -> Optional.of(0)), type))
                    : Optional.empty();
        }
        if (SET_OPS.contains(op)) {
            return number.map(
                    value -> new Step(op, Optional.empty(), Optional.empty(), Optional.of(value), Optional.empty()));
        }
        return op.equals("emit")
                ? Optional.of(new Step(op, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
                : Optional.empty();
    }

    /** A take of {@code name}, which may be a device-class shadow {@code root~class}. */
    private static Step take(String name) {
        int tilde = name.indexOf('~');
        return tilde < 0
                ? Step.take(name, Optional.empty())
                : Step.take(name.substring(0, tilde), Optional.of(name.substring(tilde + 1)));
    }

    private static boolean exists(CrushMap crush, String name) {
        String base = name.indexOf('~') < 0 ? name : name.substring(0, name.indexOf('~'));
        return crush.bucket(base).isPresent()
                || crush.devices().stream().anyMatch(device -> device.name().equals(base));
    }

    private static String describeOps() {
        return " (take needs the item_name or item of an existing bucket; choose_firstn, choose_indep,"
                + " chooseleaf_firstn and chooseleaf_indep a num and the type of the map; the set_ ops a num;"
                + " emit nothing)";
    }
}
