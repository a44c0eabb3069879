package io.calamari.server.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.model.Pool;
import io.calamari.protocol.Json;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.error.ValidationException;
import io.calamari.server.request.Completion;
import io.calamari.server.request.RequestCommand;
import io.calamari.server.request.RequestPlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pool operations as plans, on the recorded healthy cluster (pool 1 {@code device_health_metrics},
 * CRUSH rule 0, default size 2 / min_size 1, {@code mon_max_pool_pg_num} 65536): Calamari's exact
 * commands, its min_size rule and every validation message.
 */
class PoolRequestsTest {
    private final ClusterSnapshot healthy = FixtureSnapshots.healthy();
    private final Pool existing =
            healthy.osdMap().orElseThrow().value().map().pool(1).orElseThrow();

    private static ObjectNode body(String json) {
        return (ObjectNode) Json.newMapper().readTree(json);
    }

    private static Map<String, List<String>> errors(Runnable action) {
        try {
            action.run();
        } catch (ValidationException e) {
            return e.fieldErrors();
        }
        throw new AssertionError("no validation error");
    }

    @Test
    void createSendsPoolCreateThenSizeMinSizeAndSettings() {
        RequestPlan plan = PoolRequests.create(
                healthy,
                body("{\"name\": \"rbd\", \"pg_num\": \"64\", \"size\": 3, \"crush_ruleset\": 0,"
                        + " \"quota_max_bytes\": 1024, \"application\": \"rbd\", \"pg_autoscale_mode\": \"warn\"}"));

        assertThat(plan.headline()).isEqualTo("Creating pool 'rbd'");
        assertThat(plan.commands())
                .containsExactly(
                        RequestCommand.mon(
                                "osd pool create",
                                "pool",
                                "rbd",
                                "pg_num",
                                64,
                                "pool_type",
                                "replicated",
                                "rule",
                                "replicated_rule",
                                "autoscale_mode",
                                "warn"),
                        RequestCommand.mon("osd pool set", "pool", "rbd", "var", "size", "val", "3"),
                        RequestCommand.mon("osd pool set", "pool", "rbd", "var", "min_size", "val", "1"),
                        RequestCommand.mon("osd pool set-quota", "pool", "rbd", "field", "max_bytes", "val", "1024"),
                        RequestCommand.mon(
                                "osd pool application enable",
                                "pool",
                                "rbd",
                                "app",
                                "rbd",
                                "yes_i_really_mean_it",
                                true),
                        RequestCommand.mon("osd pool set", "pool", "rbd", "var", "pg_autoscale_mode", "val", "warn"));
        assertThat(plan.completion()).isEqualTo(new Completion.PoolCreated("rbd", 64));
    }

    @Test
    void anErasureCodedPoolKeepsCephsSizes() {
        RequestPlan plan = PoolRequests.create(
                healthy,
                body("{\"name\": \"ec\", \"pg_num\": 8, \"type\": \"erasure\", \"erasure_code_profile\": \"k2m1\"}"));

        assertThat(plan.commands())
                .containsExactly(RequestCommand.mon(
                        "osd pool create",
                        "pool",
                        "ec",
                        "pg_num",
                        8,
                        "pool_type",
                        "erasure",
                        "erasure_code_profile",
                        "k2m1"));
    }

    @ParameterizedTest(name = "size {0}, min_size {1} -> {2}")
    @CsvSource({"3, 3, 3", "3, 4, 3", "3, 2, 2", "3, 0, 2", "4, 0, 2", "1, 0, 1"})
    void calamarisMinSizeRule(long size, long requested, long expected) {
        assertThat(PoolRequests.minSize(size, requested)).isEqualTo(expected);
    }

    @Test
    void everyCreateErrorAtOnce() {
        assertThat(errors(() -> PoolRequests.create(healthy, body("{\"bogus\": 1, \"size\": \"x\"}"))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "bogus", List.of("Not allowed during POST"),
                        "name", List.of("Required during POST"),
                        "pg_num", List.of("Required during POST"),
                        "size", List.of("A valid integer is required.")));
        assertThat(errors(() -> PoolRequests.create(
                        healthy,
                        body("{\"name\": \"p\", \"pg_num\": 70000, \"pgp_num\": 80000, \"crush_ruleset\": 9,"
                                + " \"pg_autoscale_mode\": \"maybe\", \"type\": \"erasure\", \"size\": 2}"))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "pg_num", List.of("requested pg_num must be <= than current limit of 65536"),
                        "pgp_num", List.of("must be >= to pg_num"),
                        "crush_ruleset", List.of("CRUSH ruleset 9 not found"),
                        "pg_autoscale_mode", List.of("Must be one of on, off, warn"),
                        "size", List.of("Not allowed for erasure-coded pools")));
    }

    @Test
    void aTakenNameIs409() {
        assertThatThrownBy(() ->
                        PoolRequests.create(healthy, body("{\"name\": \"device_health_metrics\", \"pg_num\": 1}")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.fieldErrors())
                            .containsEntry("name", List.of("Pool with name device_health_metrics already exists"));
                });
    }

    @Test
    void updateDropsCurrentValuesAndAnswersNothingWhenNothingChanges() {
        assertThat(PoolRequests.update(
                        healthy, existing, body("{\"name\": \"device_health_metrics\", \"size\": 2, \"pg_num\": 1}")))
                .isEmpty();
    }

    @Test
    void updateOrdersSettingsThenPgsThenRename() {
        RequestPlan plan = PoolRequests.update(
                        healthy,
                        existing,
                        body("{\"name\": \"metrics\", \"pg_num\": 8, \"size\": 3, \"hashpspool\": false}"))
                .orElseThrow();

        assertThat(plan.headline()).isEqualTo("Growing pool 'device_health_metrics' to 8 PGs");
        assertThat(plan.commands())
                .extracting(command -> command.arguments().getOrDefault("var", command.prefix()))
                .containsExactly("size", "hashpspool", "pg_num", "pgp_num", "osd pool rename");
        assertThat(plan.completion()).isEqualTo(new Completion.PoolPlacementGroups(1, 8, 8));
    }

    @Test
    void aPlainUpdateSaysWhatItChanges() {
        RequestPlan plan = PoolRequests.update(healthy, existing, body("{\"quota_max_objects\": 10}"))
                .orElseThrow();

        assertThat(plan.headline()).isEqualTo("Modifying pool 'device_health_metrics' (quota_max_objects=10)");
        assertThat(plan.completion()).isEqualTo(new Completion.OsdMapCaughtUp());
    }

    @Test
    void pgNumMayNotShrinkAndUnknownFieldsAreRefused() {
        ClusterSnapshot grown = healthy;
        assertThat(errors(() -> PoolRequests.update(grown, existing, body("{\"pg_num\": 0, \"type\": \"erasure\"}"))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "type", List.of("Not allowed during PATCH"),
                        "pg_num", List.of("Must be 1 or more", "must be >= than current pg_num")));
    }

    @Test
    void deleteNamesThePoolTwiceAndConfirms() {
        RequestPlan plan = PoolRequests.delete(existing);

        assertThat(plan.headline()).isEqualTo("Deleting pool 'device_health_metrics'");
        assertThat(plan.commands())
                .containsExactly(RequestCommand.mon(
                        "osd pool delete",
                        "pool",
                        "device_health_metrics",
                        "pool2",
                        "device_health_metrics",
                        "yes_i_really_really_mean_it",
                        true));
    }

    @Test
    void withoutConfigurationNothingCanBeValidated() {
        ClusterSnapshot noConfig = FixtureSnapshots.withConfig(healthy, Optional.empty());

        assertThatThrownBy(() -> PoolRequests.create(noConfig, body("{\"name\": \"p\", \"pg_num\": 8}")))
                .isInstanceOfSatisfying(
                        CalamariException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    }
}
