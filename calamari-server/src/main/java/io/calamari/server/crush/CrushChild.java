package io.calamari.server.crush;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.CrushBucket;
import io.calamari.ceph.model.CrushDevice;
import io.calamari.ceph.model.CrushItem;
import io.calamari.ceph.model.CrushMap;
import io.calamari.ceph.model.CrushRule;
import io.calamari.ceph.model.CrushStep;
import io.calamari.server.cluster.OsdMapPart;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.FieldErrors;
import io.calamari.server.http.Requests;
import io.calamari.server.request.RequestCommand;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One item a {@code crush_node} request wants under a bucket: a bucket (negative id) or an OSD,
 * with the CRUSH weight asked for it, if any (only OSD weights can be set). Also the look-ups the
 * bucket plans need in the CRUSH map. Immutable.
 */
record CrushChild(int id, Optional<Double> weight) {
    /** Half a unit of Ceph's 16.16 fixed point: weights closer than this are the same weight. */
    private static final double SAME_WEIGHT = 0.5 / 0x10000;

    private static final Set<String> ITEM_FIELDS = Set.of("id", "weight", "pos");

    CrushChild {
        requireNonNull(weight, "weight");
    }

    /** The body's {@code items} ({@code [{"id": -3, "weight": 0.5, "pos": 0}]}), duplicates dropped; empty if absent. */
    static Optional<List<CrushChild>> read(ObjectNode body, FieldErrors errors) {
        JsonNode items = body.get("items");
        if (items == null || items.isNull()) {
            return Optional.empty();
        }
        if (!items.isArray()) {
            errors.add("items", "Expected a list of items.");
            return Optional.empty();
        }
        Map<Integer, CrushChild> children = new LinkedHashMap<>();
        for (JsonNode item : items) {
            Optional<CrushChild> child = item instanceof ObjectNode object ? child(object) : Optional.empty();
            if (child.isEmpty()) {
                errors.add(
                        "items",
                        "Invalid item " + item + ": expected {\"id\": integer, \"weight\": number >= 0,"
                                + " \"pos\": integer} with weight and pos optional");
                continue;
            }
            children.putIfAbsent(child.get().id(), child.get());
        }
        return Optional.of(List.copyOf(children.values()));
    }

    private static Optional<CrushChild> child(ObjectNode item) {
        FieldErrors errors = new FieldErrors();
        Requests.allowOnly(item, ITEM_FIELDS, "an item", errors);
        Optional<Long> id = Requests.integer(item, "id", errors);
        Optional<Double> weight = Requests.number(item, "weight", errors);
        Requests.integer(item, "pos", errors);
        boolean valid = errors.isEmpty()
                && id.filter(value -> value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE)
                        .isPresent()
                && weight.filter(value -> value < 0 || value.isNaN() || value.isInfinite())
                        .isEmpty();
        return valid ? Optional.of(new CrushChild(Math.toIntExact(id.get()), weight)) : Optional.empty();
    }

    /** The bucket's items as they are. */
    static List<CrushChild> current(CrushBucket bucket) {
        return bucket.items().stream()
                .map(item -> new CrushChild(item.id(), Optional.empty()))
                .toList();
    }

    static List<Integer> ids(List<CrushChild> children) {
        return children.stream().map(CrushChild::id).toList();
    }

    /** @throws CalamariException 404 for the first item that is neither a bucket nor an OSD of the cluster */
    static void requireKnown(OsdMapPart part, List<CrushChild> children) {
        for (CrushChild child : children) {
            if (child.id() < 0
                    && part.crush()
                            .bucket(child.id())
                            .filter(bucket -> !bucket.isShadow())
                            .isEmpty()) {
                throw CalamariException.notFound("Object of type crush_node with id " + child.id() + " not found");
            }
            if (child.id() >= 0 && part.map().osd(child.id()).isEmpty()) {
                throw CalamariException.notFound("Object of type osd with id " + child.id() + " not found");
            }
        }
    }

    /** An OSD outside the CRUSH hierarchy can only be placed with a weight. */
    static void checkWeights(CrushMap crush, List<CrushChild> children, FieldErrors errors) {
        for (CrushChild child : children) {
            if (child.id() >= 0
                    && child.weight().isEmpty()
                    && linkedWeight(crush, child.id()).isEmpty()) {
                errors.add(
                        "items",
                        "osd." + child.id() + " is not in the CRUSH hierarchy, so it needs a weight to be placed");
            }
        }
    }

    /** A bucket cannot hold itself or a bucket above it (Ceph would answer ELOOP). */
    static void checkNoLoop(CrushMap crush, CrushBucket bucket, List<CrushChild> children, FieldErrors errors) {
        Set<Integer> above = ancestors(crush, bucket.id());
        above.add(bucket.id());
        for (CrushChild child : children) {
            if (above.contains(child.id())) {
                errors.add(
                        "items",
                        "CRUSH node " + bucket.name() + " cannot hold itself or a node above it ("
                                + nameOf(crush, child.id()) + ")");
            }
        }
    }

    /** The commands that move this item under the bucket {@code name} of type {@code type}. */
    List<RequestCommand> placeUnder(CrushMap crush, String type, String name) {
        List<String> location = List.of(type + "=" + name);
        if (id < 0) {
            return List.of(RequestCommand.mon("osd crush move", "name", nameOf(crush, id), "args", location));
        }
        Optional<Double> linked = linkedWeight(crush, id);
        List<RequestCommand> commands = new ArrayList<>();
        double createWeight = weight.or(() -> linked).orElse(0.0);
        commands.add(
                RequestCommand.mon("osd crush create-or-move", "id", id, "weight", createWeight, "args", location));
        linked.flatMap(this::reweight).ifPresent(commands::add);
        return commands;
    }

    /** {@code osd crush reweight} when this is an OSD whose requested weight differs from {@code current}. */
    Optional<RequestCommand> reweight(double current) {
        if (id < 0 || weight.isEmpty() || Math.abs(weight.get() - current) < SAME_WEIGHT) {
            return Optional.empty();
        }
        return Optional.of(RequestCommand.mon("osd crush reweight", "name", "osd." + id, "weight", weight.get()));
    }

    /** The name of a bucket or device ({@code osd.N}) by id. */
    static String nameOf(CrushMap crush, int id) {
        if (id < 0) {
            return crush.bucket(id).map(CrushBucket::name).orElse(Integer.toString(id));
        }
        return crush.devices().stream()
                .filter(device -> device.id() == id)
                .map(CrushDevice::name)
                .findFirst()
                .orElse("osd." + id);
    }

    /** The OSD's CRUSH weight where it sits in the hierarchy; empty when it is in no bucket. */
    static Optional<Double> linkedWeight(CrushMap crush, int osd) {
        return crush.buckets().stream()
                .filter(bucket -> !bucket.isShadow())
                .flatMap(bucket -> bucket.items().stream())
                .filter(item -> item.id() == osd)
                .map(CrushItem::weight)
                .findFirst();
    }

    /** The rules whose {@code take} step starts at the bucket (or at one of its device-class shadows). */
    static List<CrushRule> rulesTaking(CrushMap crush, CrushBucket bucket) {
        return crush.rules().stream()
                .filter(rule -> rule.steps().stream().anyMatch(step -> takes(step, bucket)))
                .toList();
    }

    private static boolean takes(CrushStep step, CrushBucket bucket) {
        if (!step.op().equals("take")) {
            return false;
        }
        boolean byId = step.item().isPresent() && step.item().getAsInt() == bucket.id();
        boolean byName = step.itemName()
                .filter(name -> name.equals(bucket.name()) || name.startsWith(bucket.name() + "~"))
                .isPresent();
        return byId || byName;
    }

    /** Every bucket above {@code id}, however many levels up. */
    private static Set<Integer> ancestors(CrushMap crush, int id) {
        Set<Integer> found = new HashSet<>();
        Deque<Integer> pending = new ArrayDeque<>(List.of(id));
        while (!pending.isEmpty()) {
            int child = pending.pop();
            for (CrushBucket bucket : crush.buckets()) {
                boolean parent = bucket.items().stream().anyMatch(item -> item.id() == child);
                if (parent && !bucket.isShadow() && found.add(bucket.id())) {
                    pending.push(bucket.id());
                }
            }
        }
        return found;
    }
}
