package io.calamari.server.osd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.model.Osd;
import io.calamari.ceph.model.OsdMap;
import io.calamari.protocol.Json;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.error.ValidationException;
import io.calamari.server.request.Completion;
import io.calamari.server.request.RequestCommand;
import io.calamari.server.request.RequestPlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** OSD changes, commands and flags as plans, on the recorded healthy cluster (3 OSDs up and in). */
class OsdRequestsTest {
    private final OsdMap map =
            FixtureSnapshots.healthy().osdMap().orElseThrow().value().map();
    private final Osd osd = map.osd(1).orElseThrow();

    private static ObjectNode body(String json) {
        return (ObjectNode) Json.newMapper().readTree(json);
    }

    @Test
    void markingOutAndDownAndReweighting() {
        RequestPlan plan = OsdRequests.update("ceph", osd, body("{\"in\": false, \"up\": false, \"reweight\": 0.25}"))
                .orElseThrow();

        assertThat(plan.headline()).isEqualTo("Modifying ceph-osd.1 (in=false, up=false, reweight=0.25)");
        assertThat(plan.commands())
                .containsExactly(
                        RequestCommand.mon("osd out", "ids", List.of("1")),
                        RequestCommand.mon("osd down", "ids", List.of("1")),
                        RequestCommand.mon("osd reweight", "id", 1, "weight", 0.25));
        assertThat(plan.completion()).isEqualTo(new Completion.OsdMapCaughtUp());
    }

    @Test
    void singleChangesHaveCalamarisHeadlines() {
        assertThat(OsdRequests.update("ceph", osd, body("{\"in\": false}"))
                        .orElseThrow()
                        .headline())
                .isEqualTo("Marking ceph-osd.1 out");
        assertThat(OsdRequests.update("ceph", osd, body("{\"reweight\": 0.333}"))
                        .orElseThrow()
                        .headline())
                .isEqualTo("Re-weighting ceph-osd.1 to 33.3%");
    }

    @Test
    void currentValuesAreNoChange() {
        assertThat(OsdRequests.update("ceph", osd, body("{\"in\": true, \"up\": true, \"reweight\": 1.0}")))
                .isEmpty();
    }

    @Test
    void invalidChanges() {
        Osd down = new Osd(7, "u", false, true, 1, 1, "", "", "", "", 0, 0, 12, 0, List.of("exists"));
        assertThatThrownBy(() -> OsdRequests.update("ceph", down, body("{\"up\": true, \"reweight\": 2, \"x\": 1}")))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.fieldErrors())
                                .containsExactlyInAnyOrderEntriesOf(Map.of(
                                        "x", List.of("Not allowed during PATCH"),
                                        "up",
                                                List.of(
                                                        "An OSD cannot be marked up through the API: start its daemon, and Ceph"
                                                                + " marks it up"),
                                        "reweight", List.of("Must be between 0.0 and 1.0"))));
        assertThatThrownBy(() -> OsdRequests.command("ceph", down, "scrub"))
                .isInstanceOfSatisfying(CalamariException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.clientMessage()).isEqualTo("scrub not valid on osd.7: the OSD is down");
                });
        assertThatThrownBy(() -> OsdRequests.command("ceph", osd, "defrag"))
                .isInstanceOfSatisfying(
                        CalamariException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void commandsGoToTheManager() {
        RequestPlan plan = OsdRequests.command("ceph", osd, "deep_scrub");

        assertThat(plan.headline()).isEqualTo("Initiating deep-scrub on ceph-osd.1");
        assertThat(plan.commands()).containsExactly(RequestCommand.mgr("osd deep-scrub", "who", "1"));
        assertThat(plan.completion()).isEqualTo(new Completion.CommandsReturned());
    }

    @Test
    void onlyChangedFlagsBecomeCommands() {
        RequestPlan plan = OsdRequests.flags("ceph", map, body("{\"noout\": true, \"noin\": false, \"pause\": true}"))
                .orElseThrow();

        assertThat(plan.commands())
                .containsExactly(
                        RequestCommand.mon("osd set", "key", "noout"), RequestCommand.mon("osd set", "key", "pause"));
        assertThat(plan.headline()).isEqualTo("Modifying OSD config ceph (noout=true, pause=true)");
        assertThat(OsdRequests.flags("ceph", map, body("{\"noout\": false}"))).isEmpty();
    }

    @Test
    void unknownFlagsAre400NotCalamaris403() {
        assertThatThrownBy(() -> OsdRequests.flags("ceph", map, body("{\"sortbitwise\": true, \"noout\": \"yes\"}")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.fieldErrors().keySet()).containsExactly("sortbitwise", "noout");
                    assertThat(e.fieldErrors().get("noout")).containsExactly("Must be a valid boolean.");
                });
    }
}
