package io.calamari.server.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.calamari.ceph.rados.CommandResult;
import io.calamari.protocol.Json;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.cluster.Part;
import io.calamari.server.db.Database;
import io.calamari.server.db.DatabaseConfig;
import io.calamari.server.event.Event;
import io.calamari.server.event.Severity;
import io.calamari.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request state machine on a real database, with a recording command channel and fixture
 * snapshots standing in for the cluster: ordering and progress of commands, refusals, waiting for
 * the OSD map, cancel, time-outs and every restart case. (Real Ceph: RequestLifecycleIT.)
 */
class RequestServiceTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final ClusterSnapshot healthy = FixtureSnapshots.healthy(); // OSD map epoch 14
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private FakeClusterDirectory clusters;
    private RecordingChannel channel;
    private Database database;
    private RequestStore store;
    private RequestService service;
    private final List<Event> recorded = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        database = Database.open(
                DatabaseConfig.sqliteIn(Files.createTempDirectory("calamari-requests")), new SimpleMeterRegistry());
        database.migrate();
        store = new RequestStore(database.jdbi(), Json.newMapper());
        clusters = new FakeClusterDirectory(healthy);
        channel = new RecordingChannel(14);
        clusters.acceptCommands(healthy.fsid(), channel);
        service = startService();
    }

    @AfterEach
    void tearDown() {
        service.close();
        database.close();
    }

    private RequestService startService() {
        RequestService started = new RequestService(
                store,
                clusters,
                clock,
                new RequestSettings(TIMEOUT, Duration.ofSeconds(2), Duration.ofMillis(20)),
                recorded::add);
        started.start();
        return started;
    }

    private static RequestPlan flagPlan() {
        return RequestPlan.osdMapChange(
                "Modifying OSD config ceph (noout=true)",
                List.of(RequestCommand.mon("osd set", "key", "noout")),
                List.of(new Expectation.Flag("noout", true)));
    }

    private UserRequest awaitComplete(String id) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> service.get(id).orElseThrow().isComplete());
        return service.get(id).orElseThrow();
    }

    @Test
    void commandsRunInOrderAndTheRequestCompletesWhenTheSnapshotHasTheEpoch() {
        RequestPlan plan = RequestPlan.osdMapChange(
                "two commands",
                List.of(RequestCommand.mon("osd set", "key", "noout"), RequestCommand.mon("osd set", "key", "noin")),
                List.of());

        UserRequest request = awaitComplete(
                service.submit(healthy.fsid(), plan, Optional.of("admin")).id());

        assertThat(channel.prefixes()).containsExactly("osd set", "osd set");
        assertThat(request.error()).isFalse();
        assertThat(request.status()).isEqualTo("Completed successfully");
        assertThat(request.completedAt()).contains(clock.instant());
        assertThat(channel.refreshes()).isPositive();
        assertThat(store.find(request.id())).contains(request);
        assertThat(recorded)
                .extracting(Event::severity, Event::message, Event::fsid)
                .containsExactly(
                        tuple(Severity.INFO, "Started: two commands", Optional.of(healthy.fsid())),
                        tuple(Severity.INFO, "Succeeded: two commands", Optional.of(healthy.fsid())));
    }

    @Test
    void aRequestWaitsForTheEpochCephReportedAfterItsCommands() {
        channel.answer(command -> RecordingChannel.ok("{\"epoch\": 15}"));

        String id = service.submit(healthy.fsid(), flagPlan(), Optional.empty()).id();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> service.get(id).orElseThrow().status().equals("Waiting for OSD map epoch 15"));
        assertThat(store.find(id).orElseThrow().progress()).isEqualTo(new Progress(Progress.Phase.WAITING, 1, 15));
        // The fixture's map is epoch 14; a snapshot at epoch 15 completes the request.
        clusters.put(FixtureSnapshots.edit(healthy)
                .osdMap(healthy.osdMap().map(part -> new Part<>(part.value(), 15, part.fetchedAt())))
                .build());
        assertThat(awaitComplete(id).error()).isFalse();
    }

    @Test
    void cephsRefusalStopsThePlanAndBecomesTheError() {
        channel.answer(command -> command.get("key").equals("noout")
                ? new CommandResult(-22, new byte[0], "invalid command")
                : RecordingChannel.ok(""));
        RequestPlan plan = RequestPlan.osdMapChange(
                "two commands",
                List.of(RequestCommand.mon("osd set", "key", "noout"), RequestCommand.mon("osd set", "key", "noin")),
                List.of());

        UserRequest request = awaitComplete(
                service.submit(healthy.fsid(), plan, Optional.empty()).id());

        assertThat(request.error()).isTrue();
        assertThat(request.errorMessage()).isEqualTo("Error EINVAL: invalid command");
        assertThat(request.status()).isEqualTo("Failed (Error EINVAL: invalid command)");
        assertThat(channel.prefixes()).containsExactly("osd set");
        assertThat(recorded.get(recorded.size() - 1).severity()).isEqualTo(Severity.WARNING);
        assertThat(recorded.get(recorded.size() - 1).message())
                .isEqualTo("Failed: two commands (Error EINVAL: invalid command)");
    }

    @Test
    void aCommandWithoutAnswerFailsTheRequestAfterTheCommandTimeout() {
        channel.hold();

        UserRequest request = awaitComplete(
                service.submit(healthy.fsid(), flagPlan(), Optional.empty()).id());

        assertThat(request.errorMessage()).isEqualTo("Ceph did not answer 'osd set' within 2 s");
    }

    @Test
    void cancellingSendsNothingMoreAndIsIdempotent() {
        channel.hold();
        RequestPlan plan = RequestPlan.osdMapChange(
                "two commands",
                List.of(RequestCommand.mon("osd set", "key", "noout"), RequestCommand.mon("osd set", "key", "noin")),
                List.of());
        String id = service.submit(healthy.fsid(), plan, Optional.empty()).id();

        UserRequest cancelled = service.cancel(id).orElseThrow();
        channel.release();

        assertThat(cancelled.isComplete()).isTrue();
        assertThat(cancelled.errorMessage()).isEqualTo("Cancelled");
        assertThat(service.cancel(id)).contains(cancelled);
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(2))
                .until(() -> channel.prefixes().size() <= 1);
        assertThat(store.find(id)).contains(cancelled);
    }

    @Test
    void aRequestThatTakesTooLongTimesOut() {
        channel.answer(command -> RecordingChannel.ok("{\"epoch\": 99}"));
        String id = service.submit(healthy.fsid(), flagPlan(), Optional.empty()).id();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> service.get(id).orElseThrow().progress().phase() == Progress.Phase.WAITING);

        clock.advance(TIMEOUT.plusSeconds(1));

        assertThat(awaitComplete(id).errorMessage()).isEqualTo("Timed out after 300 s (Waiting for OSD map epoch 99)");
    }

    @Test
    void afterARestartAQueuedRequestRunsAndAWaitingOneResumes() {
        service.close();
        UserRequest queued =
                UserRequest.accepted("queued", healthy.fsid(), flagPlan(), clock.instant(), Optional.empty());
        UserRequest waiting = UserRequest.accepted(
                        "waiting", healthy.fsid(), flagPlan(), clock.instant(), Optional.empty())
                .withProgress(new Progress(Progress.Phase.WAITING, 1, 14), "Waiting for OSD map epoch 14");
        store.insert(queued);
        store.insert(waiting);

        service = startService();

        assertThat(awaitComplete("queued").error()).isFalse();
        assertThat(awaitComplete("waiting").error()).isFalse();
        assertThat(channel.prefixes()).containsExactly("osd set");
    }

    @Test
    void afterARestartBetweenCommandsTheClusterDecides() {
        service.close();
        UserRequest setNoout = UserRequest.accepted(
                        "set-noout", healthy.fsid(), plan("noout", true), clock.instant(), Optional.empty())
                .withProgress(Progress.queued().sending(0), "Running 'osd set'");
        UserRequest unsetNoout = UserRequest.accepted(
                        "unset-noout", healthy.fsid(), plan("noout", false), clock.instant(), Optional.empty())
                .withProgress(Progress.queued().sending(0), "Running 'osd unset'");
        store.insert(setNoout);
        store.insert(unsetNoout);
        // The fixture has noout clear; the snapshot must be one the cluster answered after the restart.
        clock.advance(Duration.ofSeconds(1));
        service = startService();
        clusters.put(FixtureSnapshots.edit(healthy)
                .updateTime(clock.instant().plusSeconds(1))
                .build());

        assertThat(awaitComplete("set-noout").errorMessage())
                .isEqualTo(
                        "Interrupted by a server restart after 0 of 1 commands; the cluster does not show the change");
        assertThat(awaitComplete("unset-noout").error()).isFalse();
        assertThat(channel.prefixes()).isEmpty();
    }

    @Test
    void afterARestartAnInterruptedRequestWaitsForTheClusterToAnswer() {
        service.close();
        store.insert(UserRequest.accepted("interrupted", healthy.fsid(), flagPlan(), clock.instant(), Optional.empty())
                .withProgress(Progress.queued().sending(0), "Running 'osd set'"));
        clock.advance(Duration.ofSeconds(1));

        service = startService();

        await().during(Duration.ofMillis(200))
                .atMost(Duration.ofSeconds(2))
                .until(() -> !service.get("interrupted").orElseThrow().isComplete());
        assertThat(service.get("interrupted").orElseThrow().status())
                .isEqualTo("Interrupted by a server restart; waiting for the cluster to check the outcome");
    }

    @Test
    void afterARestartASnapshotRestoredFromTheDatabaseDecidesNothing() {
        service.close();
        store.insert(UserRequest.accepted("waiting", healthy.fsid(), flagPlan(), clock.instant(), Optional.empty())
                .withProgress(new Progress(Progress.Phase.WAITING, 1, 14), "Waiting for OSD map epoch 14"));
        store.insert(UserRequest.accepted(
                        "unset-noout", healthy.fsid(), plan("noout", false), clock.instant(), Optional.empty())
                .withProgress(Progress.queued().sending(0), "Running 'osd unset'"));
        clock.advance(Duration.ofSeconds(1));
        // Stored data that shows both requests done: the epoch waited for, and noout clear.
        clusters.put(FixtureSnapshots.edit(healthy)
                .updateTime(clock.instant().plusSeconds(1))
                .build()
                .asRestored("not contacted yet"));

        service = startService();

        await().during(Duration.ofMillis(200))
                .atMost(Duration.ofSeconds(2))
                .until(() -> !service.get("waiting").orElseThrow().isComplete()
                        && !service.get("unset-noout").orElseThrow().isComplete());
        clusters.put(FixtureSnapshots.edit(healthy)
                .updateTime(clock.instant().plusSeconds(1))
                .build());
        assertThat(awaitComplete("waiting").error()).isFalse();
        assertThat(awaitComplete("unset-noout").error()).isFalse();
    }

    @Test
    void aClusterThatTakesNoCommandsIsRefusedBeforeAnythingIsStored() {
        FakeClusterDirectory none = new FakeClusterDirectory(healthy);
        RequestService refusing = new RequestService(store, none, clock, RequestSettings.defaults(), recorded::add);
        try {
            assertThatThrownBy(() -> refusing.submit(healthy.fsid(), flagPlan(), Optional.empty()))
                    .hasMessage("Ceph cluster is currently unavailable for commands");
            assertThat(store.count(RequestStore.Filter.all())).isZero();
        } finally {
            refusing.close();
        }
    }

    private static RequestPlan plan(String flag, boolean set) {
        return RequestPlan.osdMapChange(
                "flag",
                List.of(RequestCommand.mon(set ? "osd set" : "osd unset", "key", flag)),
                List.of(new Expectation.Flag(flag, set)));
    }
}
