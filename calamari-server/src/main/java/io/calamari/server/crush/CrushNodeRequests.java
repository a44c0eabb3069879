package io.calamari.server.crush;

import io.calamari.ceph.model.CrushBucket;
import io.calamari.ceph.model.CrushItem;
import io.calamari.ceph.model.CrushMap;
import io.calamari.ceph.model.CrushType;
import io.calamari.server.cluster.OsdMapPart;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.FieldErrors;
import io.calamari.server.http.Requests;
import io.calamari.server.request.Expectation;
import io.calamari.server.request.RequestCommand;
import io.calamari.server.request.RequestPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns CRUSH bucket changes ({@code crush_node}) into validated {@link RequestPlan}s, with the
 * monitor commands Pacific has for them. Nothing here talks to Ceph. Stateless.
 *
 * <ul>
 *   <li>Create: {@code osd crush add-bucket {name, type}} (a bucket without parent, as in Calamari),
 *       then each item is placed under it (see below). Calamari's {@code id} is accepted and ignored:
 *       Ceph picks the id.
 *   <li>Update: {@code name}, {@code bucket_type} and {@code items} are each optional and merged
 *       with the current values (Calamari required all three). A new type is written into the text
 *       map ({@code osd setcrushmap}, so the bucket keeps its id and place, which no monitor command
 *       can do); a new name is {@code osd crush rename-bucket}; items no longer listed are {@code osd
 *       crush unlink}ed from the bucket; new items are placed under it; OSDs whose listed weight
 *       differs from their CRUSH weight are {@code osd crush reweight}ed. Nothing to change is 304.
 *   <li>Delete: {@code osd crush remove {name}}; 409 while the bucket has items or a rule takes it.
 * </ul>
 *
 * <p>Placing an item: a bucket is moved with {@code osd crush move {name, args: ["type=name"]}};
 * an OSD with {@code osd crush create-or-move {id, weight, args}}, which on Pacific moves an OSD
 * that is in the hierarchy and keeps its CRUSH weight (checked on a Pacific cluster; Calamari's
 * reweight-to-0, remove, add, reweight sequence moved the data twice), and only uses {@code weight}
 * for an OSD outside the hierarchy, which therefore needs one. A listed weight different from the
 * OSD's current one is then set with {@code osd crush reweight}. Ceph appends items; {@code pos} is
 * ignored, as in Calamari. Bucket weights are the sums Ceph derives and cannot be set.
 *
 * <p>Removed items: an OSD leaves the hierarchy (no data maps to it until it is placed again; its
 * CRUSH weight is forgotten), which is what Calamari's {@code osd crush remove} did; a bucket becomes a
 * bucket without parent, subtree intact, where Calamari's removal failed for a non-empty bucket.
 * To move an item elsewhere, add it to the other bucket: that moves it.
 *
 * <p>Calamari also stored each moved OSD's location under {@code config-key} for a CRUSH location
 * hook it installed on the OSD hosts, so that a restarted OSD did not go back to its host. That is
 * left out: Pacific reads the location from the {@code crush_location} option (settable for one OSD
 * in the monitors' configuration database) and {@code osd_crush_update_on_start} turns the move on
 * start off, which operators configure better than a hook script Calamari would have to install.
 */
public final class CrushNodeRequests {
    private static final Set<String> CREATE_ALLOWED = Set.of("name", "bucket_type", "items", "id");
    private static final Set<String> UPDATE_ALLOWED = Set.of("name", "bucket_type", "items");
    /** The id a bucket being created is compared with: none, bucket ids are negative. */
    private static final int NEW_BUCKET = 0;

    private CrushNodeRequests() {}

    /** A new bucket with its items; complete once the OSD map shows it. */
    public static RequestPlan create(String clusterName, OsdMapPart part, ObjectNode body) {
        CrushMap crush = part.crush();
        FieldErrors errors = new FieldErrors();
        Requests.allowOnly(body, CREATE_ALLOWED, "POST", errors);
        Requests.require(body, List.of("name", "bucket_type"), "POST", errors);
        Optional<String> name = Requests.string(body, "name", errors);
        Optional<String> type = Requests.string(body, "bucket_type", errors);
        Requests.integer(body, "id", errors); // accepted, as Calamari did, and ignored: Ceph picks the id
        List<CrushChild> children = CrushChild.read(body, errors).orElse(List.of());
        boolean taken = name.map(value -> CrushRequests.checkBucketName(crush, value, NEW_BUCKET, errors))
                .orElse(false);
        type.ifPresent(value -> checkType(crush, value, errors));
        CrushRequests.throwIfAny(errors, taken);
        CrushChild.requireKnown(part, children);
        CrushChild.checkWeights(crush, children, errors);
        errors.throwIfAny();

        String bucketName = name.orElseThrow();
        String bucketType = type.orElseThrow();
        List<RequestCommand> commands = new ArrayList<>();
        commands.add(RequestCommand.mon("osd crush add-bucket", "name", bucketName, "type", bucketType));
        children.forEach(child -> commands.addAll(child.placeUnder(crush, bucketType, bucketName)));
        return RequestPlan.osdMapChange(
                "Creating CRUSH node in " + clusterName,
                commands,
                List.of(new Expectation.CrushBucketPresent(bucketName, bucketType, CrushChild.ids(children))));
    }

    /** A change to a bucket, merged with its current values; empty when it would change nothing (304). */
    public static Optional<RequestPlan> update(
            String clusterName, OsdMapPart part, CrushBucket bucket, ObjectNode body, CrushTool crushTool) {
        CrushMap crush = part.crush();
        FieldErrors errors = new FieldErrors();
        Requests.allowOnly(body, UPDATE_ALLOWED, "PATCH", errors);
        String name = Requests.string(body, "name", errors).orElse(bucket.name());
        String type = Requests.string(body, "bucket_type", errors).orElse(bucket.typeName());
        Optional<List<CrushChild>> requested = CrushChild.read(body, errors);
        boolean taken = !name.equals(bucket.name()) && CrushRequests.checkBucketName(crush, name, bucket.id(), errors);
        checkType(crush, type, errors);
        CrushRequests.throwIfAny(errors, taken);
        List<CrushChild> children = requested.orElseGet(() -> CrushChild.current(bucket));
        CrushChild.requireKnown(part, children);
        CrushChild.checkWeights(crush, children, errors);
        CrushChild.checkNoLoop(crush, bucket, children, errors);
        errors.throwIfAny();

        List<RequestCommand> commands = new ArrayList<>();
        if (!type.equals(bucket.typeName())) {
            String text = CrushText.retypeBucket(CrushRequests.editableText(part, crushTool), bucket.name(), type);
            commands.add(CrushRequests.setCrushMap(crushTool.compile(text)));
        }
        if (!name.equals(bucket.name())) {
            commands.add(RequestCommand.mon("osd crush rename-bucket", "srcname", bucket.name(), "dstname", name));
        }
        Map<Integer, CrushItem> current = new LinkedHashMap<>();
        bucket.items().forEach(item -> current.put(item.id(), item));
        List<Integer> wanted = CrushChild.ids(children);
        for (CrushItem item : current.values()) {
            if (!wanted.contains(item.id())) {
                commands.add(RequestCommand.mon(
                        "osd crush unlink", "name", CrushChild.nameOf(crush, item.id()), "ancestor", name));
            }
        }
        for (CrushChild child : children) {
            CrushItem present = current.get(child.id());
            if (present == null) {
                commands.addAll(child.placeUnder(crush, type, name));
            } else {
                child.reweight(present.weight()).ifPresent(commands::add);
            }
        }
        if (commands.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RequestPlan.osdMapChange(
                "Updating CRUSH node in " + clusterName,
                commands,
                List.of(new Expectation.CrushBucketPresent(name, type, wanted))));
    }

    /**
     * Removing an empty bucket.
     *
     * @throws CalamariException 409 while the bucket has items or a rule takes it
     */
    public static RequestPlan delete(String clusterName, OsdMapPart part, CrushBucket bucket) {
        if (!bucket.items().isEmpty()) {
            throw CalamariException.conflict("CRUSH node " + bucket.name() + " is not empty ("
                    + bucket.items().size() + " items); remove or move its items first");
        }
        List<String> rules = CrushChild.rulesTaking(part.crush(), bucket).stream()
                .map(rule -> rule.name())
                .toList();
        if (!rules.isEmpty()) {
            throw CalamariException.conflict(
                    "CRUSH node " + bucket.name() + " is used by CRUSH rule " + String.join(", ", rules));
        }
        return RequestPlan.osdMapChange(
                "Removing CRUSH node in " + clusterName,
                List.of(RequestCommand.mon("osd crush remove", "name", bucket.name())),
                List.of(new Expectation.CrushBucketAbsent(bucket.name())));
    }

    private static void checkType(CrushMap crush, String type, FieldErrors errors) {
        Optional<CrushType> found = crush.types().stream()
                .filter(candidate -> candidate.name().equals(type))
                .findFirst();
        if (found.isEmpty()) {
            errors.add(
                    "bucket_type",
                    "Unknown CRUSH type; the types are "
                            + String.join(
                                    ", ",
                                    crush.types().stream()
                                            .filter(candidate -> candidate.id() != 0)
                                            .map(CrushType::name)
                                            .toList()));
        } else if (found.get().id() == 0) {
            errors.add("bucket_type", "Type " + type + " is for devices, not buckets");
        }
    }
}
