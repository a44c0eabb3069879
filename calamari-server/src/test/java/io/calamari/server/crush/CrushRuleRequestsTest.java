package io.calamari.server.crush;

import static io.calamari.server.crush.CrushNodeRequestsTest.assertFieldErrors;
import static io.calamari.server.crush.CrushNodeRequestsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.model.CrushMap;
import io.calamari.ceph.model.CrushRule;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.cluster.OsdMapPart;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.request.Expectation;
import io.calamari.server.request.RequestCommand;
import io.calamari.server.request.RequestPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The commands of {@code crush_rule} changes over the recorded degraded cluster (rules 0 to 3, all
 * used by pools): the native command where it makes the rule, else the text map compiled by the
 * real crushtool.
 */
class CrushRuleRequestsTest {
    private static final String REPLICATED_HDD = "{\"name\": \"fast\", \"type\": \"replicated\", \"min_size\": 1,"
            + " \"max_size\": 10, \"steps\": [{\"op\": \"take\", \"item\": -2, \"item_name\": \"default~hdd\"},"
            + " {\"op\": \"chooseleaf_firstn\", \"num\": 0, \"type\": \"host\"}, {\"op\": \"emit\"}]}";

    private final OsdMapPart part =
            FixtureSnapshots.degraded().osdMap().orElseThrow().value();
    private final CrushTool crushTool = CrushTool.onPath();

    @Test
    void aReplicatedRuleOfTheUsualShapeIsCreateReplicated() {
        RequestPlan plan = create(REPLICATED_HDD);

        assertThat(plan.headline()).isEqualTo("Creating CRUSH rule in ceph");
        assertThat(plan.commands())
                .containsExactly(RequestCommand.mon(
                        "osd crush rule create-replicated",
                        "name",
                        "fast",
                        "root",
                        "default",
                        "type",
                        "host",
                        "class",
                        "hdd"));
        assertThat(plan.expectations()).containsExactly(new Expectation.CrushRulePresent("fast"));
        assertThat(create(REPLICATED_HDD.replace("\"item\": -2, \"item_name\": \"default~hdd\"", "\"item\": -9"))
                        .commands())
                .containsExactly(RequestCommand.mon(
                        "osd crush rule create-replicated", "name", "fast", "root", "extra", "type", "host"));
    }

    @Test
    void otherRulesAreWrittenIntoTheTextMap() {
        RequestPlan plan = create("{\"name\": \"wide\", \"type\": \"erasure\", \"min_size\": 3, \"max_size\": 6,"
                + " \"ruleset\": 7, \"steps\": [{\"op\": \"set_chooseleaf_tries\", \"num\": 5},"
                + " {\"op\": \"take\", \"item_name\": \"default~hdd\"},"
                + " {\"op\": \"chooseleaf_indep\", \"num\": 0, \"type\": \"host\"}, {\"op\": \"emit\"}]}");

        byte[] compiled = CompiledMaps.setCrushMapInput(plan.commands().get(0));
        assertThat(plan.commands()).hasSize(1);
        assertThat(CompiledMaps.text(compiled))
                .contains("rule wide {\n\tid 7\n\ttype erasure\n\tmin_size 3\n\tmax_size 6\n"
                        + "\tstep set_chooseleaf_tries 5\n\tstep take default class hdd\n"
                        + "\tstep chooseleaf indep 0 type host\n\tstep emit\n}");
        CrushMap map = CompiledMaps.dump(compiled);
        assertThat(map.rules()).hasSize(5).containsAll(part.crush().rules());
        assertThat(map.buckets()).containsAll(part.crush().buckets());
    }

    @Test
    void invalidRulesAre400AndATakenName409() {
        assertFieldErrors(
                () -> create("{\"ruleset\": 256, \"id\": 1}"),
                ErrorCode.INVALID_ARGUMENT,
                Map.of(
                        "id", "Not allowed during POST",
                        "name", "Required during POST",
                        "type", "Required during POST",
                        "min_size", "Required during POST",
                        "max_size", "Required during POST",
                        "steps", "Required during POST",
                        "ruleset", "Must be between 0 and 255"));
        assertFieldErrors(
                () -> create(
                        "{\"name\": \"x y\", \"type\": \"mirror\", \"min_size\": 0, \"max_size\": 3, \"ruleset\": 2,"
                                + " \"steps\": [{\"op\": \"take\", \"item_name\": \"nowhere\"},"
                                + " {\"op\": \"choose_firstn\", \"num\": 1, \"type\": \"shelf\"}, {\"op\": \"jump\"},"
                                + " {\"op\": \"emit\", \"extra\": 1}]}"),
                ErrorCode.INVALID_ARGUMENT,
                Map.of(
                        "name", "CRUSH names may contain only",
                        "type", "Must be one of replicated, erasure",
                        "min_size", "Must be between 1 and 255",
                        "ruleset", "Ruleset 2 is rule emptyrule",
                        "steps", "Step 1 is not valid: {\"op\":\"take\",\"item_name\":\"nowhere\"}"));
        assertFieldErrors(
                () -> create(REPLICATED_HDD
                        .replace("\"fast\"", "\"ecpool\"")
                        .replace("\"max_size\": 10", "\"max_size\": 0")),
                ErrorCode.CONFLICT,
                Map.of(
                        "name", "CRUSH rule with name ecpool already exists",
                        "max_size", "Must be between 1 and 255"));
    }

    @Test
    void aRuleCrushtoolRefusesIsA400UnderSteps() {
        assertFieldErrors(
                () -> create(REPLICATED_HDD
                        .replace("\"max_size\": 10", "\"max_size\": 9")
                        .replace("default~hdd", "default~nvme")),
                ErrorCode.INVALID_ARGUMENT,
                Map.of("steps", "crushtool refused the rule: "));
    }

    @Test
    void renamingIsTheRenameCommandAndNothingToChangeIs304() {
        RequestPlan renamed = update(2, "{\"name\": \"empty\"}").orElseThrow();
        assertThat(renamed.headline()).isEqualTo("Updating CRUSH rule in ceph");
        assertThat(renamed.commands())
                .containsExactly(
                        RequestCommand.mon("osd crush rule rename", "srcname", "emptyrule", "dstname", "empty"));
        assertThat(renamed.expectations()).containsExactly(new Expectation.CrushRulePresent("empty"));

        assertThat(update(2, "{}")).isEmpty();
        assertThat(
                        update(
                                1,
                                "{\"name\": \"ecpool\", \"min_size\": 3, \"max_size\": \"3\", \"type\": \"erasure\", \"ruleset\": 1,"
                                        + " \"steps\": [{\"op\": \"set_chooseleaf_tries\", \"num\": 5},"
                                        + " {\"op\": \"set_choose_tries\", \"num\": 100}, {\"op\": \"take\", \"item\": -1},"
                                        + " {\"op\": \"chooseleaf_indep\", \"num\": 0, \"type\": \"host\"}, {\"op\": \"emit\"}]}"))
                .as("the rule as GET shows it")
                .isEmpty();
    }

    @Test
    void otherChangesRewriteTheRuleInPlace() {
        RequestPlan plan = update(3, "{\"name\": \"extra2\", \"max_size\": 4}").orElseThrow();

        CrushMap map =
                CompiledMaps.dump(CompiledMaps.setCrushMapInput(plan.commands().get(0)));
        CrushRule changed = map.rule(3).orElseThrow();
        assertThat(changed.name()).isEqualTo("extra2");
        assertThat(changed.maxSize()).isEqualTo(4);
        assertThat(changed.steps()).isEqualTo(part.crush().rule(3).orElseThrow().steps());
        assertThat(map.rules()).hasSize(4);
        assertFieldErrors(
                () -> update(3, "{\"name\": \"ecpool\"}"),
                ErrorCode.CONFLICT,
                Map.of("name", "CRUSH rule with name ecpool already exists"));
    }

    @Test
    void aRuleInUseIs409AndAnUnusedOneIsRemoved() {
        assertThatThrownBy(() -> CrushRuleRequests.delete(
                        "ceph", part, part.crush().rule(0).orElseThrow()))
                .isInstanceOfSatisfying(
                        CalamariException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessage(
                        "CRUSH rule replicated_rule is used by pool device_health_metrics, testpool, cephfs_metadata,"
                                + " cephfs_data");

        CrushRule unused = new CrushRule(
                9, "unused", 9, 1, 1, 10, part.crush().rule(3).orElseThrow().steps());
        List<CrushRule> rules = new ArrayList<>(part.crush().rules());
        rules.add(unused);
        OsdMapPart withUnused = CompiledMaps.withCrush(
                part,
                new CrushMap(
                        part.crush().devices(),
                        part.crush().types(),
                        part.crush().buckets(),
                        rules));
        RequestPlan plan = CrushRuleRequests.delete("ceph", withUnused, unused);
        assertThat(plan.headline()).isEqualTo("Removing CRUSH rule in ceph");
        assertThat(plan.commands()).containsExactly(RequestCommand.mon("osd crush rule rm", "name", "unused"));
        assertThat(plan.expectations()).containsExactly(new Expectation.CrushRuleAbsent("unused"));
        assertThat(new Expectation.CrushRuleAbsent("unused").holds(withUnused)).isFalse();
        assertThat(new Expectation.CrushRulePresent("unused").holds(withUnused)).isTrue();
        assertThat(CrushRuleRequests.lowestFreeId(withUnused.crush())).isEqualTo(4);
    }

    private RequestPlan create(String body) {
        return CrushRuleRequests.create("ceph", part, json(body), crushTool);
    }

    private Optional<RequestPlan> update(int id, String body) {
        return CrushRuleRequests.update("ceph", part, part.crush().rule(id).orElseThrow(), json(body), crushTool);
    }
}
