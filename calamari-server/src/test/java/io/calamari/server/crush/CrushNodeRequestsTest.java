package io.calamari.server.crush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.model.CrushBucket;
import io.calamari.protocol.Json;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.cluster.OsdMapPart;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.error.ValidationException;
import io.calamari.server.request.Completion;
import io.calamari.server.request.Expectation;
import io.calamari.server.request.RequestCommand;
import io.calamari.server.request.RequestPlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The commands of {@code crush_node} changes over the recorded degraded cluster: hosts node0..2
 * (-3, -5, -7) with osd.0..2 under root default (-1); root extra (-9) holding extrahost (-10, empty)
 * and node0; root emptyroot (-13, empty, taken by rule emptyrule).
 */
class CrushNodeRequestsTest {
    private static final JsonMapper MAPPER = Json.newMapper();
    private static final double OSD_WEIGHT = 13 / 65536.0;

    private final OsdMapPart part =
            FixtureSnapshots.degraded().osdMap().orElseThrow().value();
    private final CrushTool crushTool = CrushTool.onPath();

    @Test
    void creatingABucketAddsItThenMovesEachItemUnderIt() {
        RequestPlan plan = create("{\"name\": \"rack1\", \"bucket_type\": \"rack\", \"id\": -40,"
                + " \"items\": [{\"id\": -5, \"weight\": 0.0, \"pos\": 0}, {\"id\": 2}, {\"id\": -5}]}");

        assertThat(plan.headline()).isEqualTo("Creating CRUSH node in ceph");
        assertThat(plan.commands())
                .containsExactly(
                        RequestCommand.mon("osd crush add-bucket", "name", "rack1", "type", "rack"),
                        RequestCommand.mon("osd crush move", "name", "node1", "args", List.of("rack=rack1")),
                        RequestCommand.mon(
                                "osd crush create-or-move",
                                "id",
                                2,
                                "weight",
                                OSD_WEIGHT,
                                "args",
                                List.of("rack=rack1")));
        assertThat(plan.completion()).isEqualTo(new Completion.OsdMapCaughtUp());
        assertThat(plan.expectations())
                .containsExactly(new Expectation.CrushBucketPresent("rack1", "rack", List.of(-5, 2)));
    }

    @Test
    void anOsdWeightDifferentFromItsCrushWeightIsSetAfterTheMove() {
        RequestPlan plan =
                create("{\"name\": \"h\", \"bucket_type\": \"host\", \"items\": [{\"id\": 1, \"weight\": 0.5}]}");

        assertThat(plan.commands())
                .containsExactly(
                        RequestCommand.mon("osd crush add-bucket", "name", "h", "type", "host"),
                        RequestCommand.mon(
                                "osd crush create-or-move", "id", 1, "weight", 0.5, "args", List.of("host=h")),
                        RequestCommand.mon("osd crush reweight", "name", "osd.1", "weight", 0.5));
        assertThat(create("{\"name\": \"h\", \"bucket_type\": \"host\"}").commands())
                .as("no items")
                .hasSize(1);
    }

    @Test
    void invalidBucketsAre400AndATakenName409() {
        assertFieldErrors(
                () -> create("{\"items\": [{\"weight\": 1}], \"alg\": \"straw\"}"),
                ErrorCode.INVALID_ARGUMENT,
                Map.of(
                        "alg", "Not allowed during POST",
                        "name", "Required during POST",
                        "bucket_type", "Required during POST",
                        "items", "Invalid item {\"weight\":1}"));
        assertFieldErrors(
                () -> create("{\"name\": \"a~b\", \"bucket_type\": \"shelf\"}"),
                ErrorCode.INVALID_ARGUMENT,
                Map.of(
                        "name",
                        "CRUSH names may contain only letters, digits, '.', '_' and '-'",
                        "bucket_type",
                        "Unknown CRUSH type; the types are host, chassis, rack, row, pdu, pod,"
                                + " room, datacenter, zone, region, root"));
        assertFieldErrors(
                () -> create("{\"name\": \"b\", \"bucket_type\": \"osd\", \"items\": {}}"),
                ErrorCode.INVALID_ARGUMENT,
                Map.of("bucket_type", "Type osd is for devices, not buckets", "items", "Expected a list of items."));
        assertFieldErrors(
                () -> create("{\"name\": \"node0\", \"bucket_type\": \"rack\"}"),
                ErrorCode.CONFLICT,
                Map.of("name", "CRUSH node with name node0 already exists"));
        assertFieldErrors(
                () -> create("{\"name\": \"osd.1\", \"bucket_type\": \"rack\"}"),
                ErrorCode.CONFLICT,
                Map.of("name", "CRUSH node with name osd.1 already exists"));
    }

    @Test
    void anUnknownItemIs404() {
        assertThatThrownBy(() -> create("{\"name\": \"r\", \"bucket_type\": \"rack\", \"items\": [{\"id\": -99}]}"))
                .isInstanceOfSatisfying(
                        CalamariException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessage("Object of type crush_node with id -99 not found");
        assertThatThrownBy(() -> create("{\"name\": \"r\", \"bucket_type\": \"rack\", \"items\": [{\"id\": 7}]}"))
                .hasMessage("Object of type osd with id 7 not found");
        assertThatThrownBy(() -> create("{\"name\": \"r\", \"bucket_type\": \"rack\", \"items\": [{\"id\": -2}]}"))
                .as("a device-class shadow is not a node")
                .hasMessage("Object of type crush_node with id -2 not found");
    }

    @Test
    void renamingAndRetyping() {
        RequestPlan renamed = update(-10, "{\"name\": \"host9\"}").orElseThrow();
        assertThat(renamed.headline()).isEqualTo("Updating CRUSH node in ceph");
        assertThat(renamed.commands())
                .containsExactly(
                        RequestCommand.mon("osd crush rename-bucket", "srcname", "extrahost", "dstname", "host9"));
        assertThat(renamed.expectations())
                .containsExactly(new Expectation.CrushBucketPresent("host9", "host", List.of()));

        RequestPlan retyped = update(-10, "{\"name\": \"chassis9\", \"bucket_type\": \"chassis\"}")
                .orElseThrow();
        assertThat(retyped.commands()).hasSize(2);
        CrushBucket changed = CompiledMaps.dump(
                        CompiledMaps.setCrushMapInput(retyped.commands().get(0)))
                .bucket(-10)
                .orElseThrow();
        assertThat(changed.typeName()).isEqualTo("chassis");
        assertThat(changed.name()).isEqualTo("extrahost");
        assertThat(retyped.commands().get(1))
                .isEqualTo(
                        RequestCommand.mon("osd crush rename-bucket", "srcname", "extrahost", "dstname", "chassis9"));
    }

    @Test
    void itemsNoLongerListedAreUnlinkedAndNewOnesPlaced() {
        RequestPlan plan = update(-9, "{\"items\": [{\"id\": -10, \"weight\": 5}, {\"id\": -7}, {\"id\": 1}]}")
                .orElseThrow();

        assertThat(plan.commands())
                .containsExactly(
                        RequestCommand.mon("osd crush unlink", "name", "node0", "ancestor", "extra"),
                        RequestCommand.mon("osd crush move", "name", "node2", "args", List.of("root=extra")),
                        RequestCommand.mon(
                                "osd crush create-or-move",
                                "id",
                                1,
                                "weight",
                                OSD_WEIGHT,
                                "args",
                                List.of("root=extra")));
        assertThat(plan.expectations())
                .containsExactly(new Expectation.CrushBucketPresent("extra", "root", List.of(-10, -7, 1)));
    }

    @Test
    void aChangedOsdWeightIsAReweightAndNothingToChangeIs304() {
        assertThat(update(-7, "{\"items\": [{\"id\": 2, \"weight\": 1.5, \"pos\": 0}]}")
                        .orElseThrow()
                        .commands())
                .containsExactly(RequestCommand.mon("osd crush reweight", "name", "osd.2", "weight", 1.5));

        assertThat(update(-7, "{\"items\": [{\"id\": 2, \"weight\": 0.0001983642578125}]}"))
                .isEmpty();
        assertThat(update(-7, "{\"name\": \"node2\", \"bucket_type\": \"host\"}"))
                .isEmpty();
        assertThat(update(-7, "{}")).isEmpty();
    }

    @Test
    void aBucketCannotHoldItselfOrABucketAboveIt() {
        assertFieldErrors(
                () -> update(-3, "{\"items\": [{\"id\": 0}, {\"id\": -9}]}"),
                ErrorCode.INVALID_ARGUMENT,
                Map.of("items", "CRUSH node node0 cannot hold itself or a node above it (extra)"));
        assertFieldErrors(
                () -> update(-3, "{\"items\": [{\"id\": -3}]}"),
                ErrorCode.INVALID_ARGUMENT,
                Map.of("items", "CRUSH node node0 cannot hold itself or a node above it (node0)"));
        assertFieldErrors(
                () -> update(-10, "{\"name\": \"node1\", \"bucket_type\": \"cupboard\"}"),
                ErrorCode.CONFLICT,
                Map.of("name", "CRUSH node with name node1 already exists", "bucket_type", "Unknown CRUSH type"));
    }

    @Test
    void anOsdOutsideTheHierarchyNeedsAWeight() {
        OsdMapPart orphaned = CompiledMaps.withCrush(
                part,
                new io.calamari.ceph.model.CrushMap(
                        part.crush().devices(),
                        part.crush().types(),
                        part.crush().buckets().stream()
                                .map(bucket -> bucket.name().startsWith("node2")
                                        ? new CrushBucket(
                                                bucket.id(),
                                                bucket.name(),
                                                bucket.typeId(),
                                                bucket.typeName(),
                                                0,
                                                bucket.algorithm(),
                                                bucket.hash(),
                                                List.of())
                                        : bucket)
                                .toList(),
                        part.crush().rules()));
        String body = "{\"name\": \"h\", \"bucket_type\": \"host\", \"items\": [{\"id\": 2}]}";

        assertFieldErrors(
                () -> CrushNodeRequests.create("ceph", orphaned, json(body)),
                ErrorCode.INVALID_ARGUMENT,
                Map.of("items", "osd.2 is not in the CRUSH hierarchy, so it needs a weight to be placed"));
        assertThat(CrushNodeRequests.create(
                                "ceph", orphaned, json(body.replace("{\"id\": 2}", "{\"id\": 2, \"weight\": 0.25}")))
                        .commands())
                .endsWith(RequestCommand.mon(
                        "osd crush create-or-move", "id", 2, "weight", 0.25, "args", List.of("host=h")));
    }

    @Test
    void deletingAnEmptyBucketAndRefusingOthersWith409() {
        RequestPlan plan = CrushNodeRequests.delete("ceph", part, bucket(-10));
        assertThat(plan.headline()).isEqualTo("Removing CRUSH node in ceph");
        assertThat(plan.commands()).containsExactly(RequestCommand.mon("osd crush remove", "name", "extrahost"));
        assertThat(plan.expectations()).containsExactly(new Expectation.CrushBucketAbsent("extrahost"));

        assertThatThrownBy(() -> CrushNodeRequests.delete("ceph", part, bucket(-9)))
                .isInstanceOfSatisfying(
                        CalamariException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessage("CRUSH node extra is not empty (2 items); remove or move its items first");
        assertThatThrownBy(() -> CrushNodeRequests.delete("ceph", part, bucket(-13)))
                .isInstanceOfSatisfying(
                        CalamariException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessage("CRUSH node emptyroot is used by CRUSH rule emptyrule");
    }

    @Test
    void expectationsCheckTheBucketAgainstAMap() {
        assertThat(new Expectation.CrushBucketPresent("extra", "root", List.of(-3, -10)).holds(part))
                .isTrue();
        assertThat(new Expectation.CrushBucketPresent("extra", "root", List.of(-10)).holds(part))
                .isFalse();
        assertThat(new Expectation.CrushBucketPresent("extra", "rack", List.of(-3, -10)).holds(part))
                .isFalse();
        assertThat(new Expectation.CrushBucketAbsent("extra").holds(part)).isFalse();
        assertThat(new Expectation.CrushBucketAbsent("rack1").holds(part)).isTrue();
    }

    private RequestPlan create(String body) {
        return CrushNodeRequests.create("ceph", part, json(body));
    }

    private Optional<RequestPlan> update(int id, String body) {
        return CrushNodeRequests.update("ceph", part, bucket(id), json(body), crushTool);
    }

    private CrushBucket bucket(int id) {
        return part.crush().bucket(id).orElseThrow();
    }

    static ObjectNode json(String body) {
        return (ObjectNode) MAPPER.readTree(body);
    }

    /** The call fails with these field errors (each field's first message starting with the text given). */
    static void assertFieldErrors(ThrowingCallable call, ErrorCode code, Map<String, String> expected) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.fieldErrors().keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((field, message) ->
                    assertThat(e.fieldErrors().get(field).get(0)).as(field).startsWith(message));
        });
    }
}
