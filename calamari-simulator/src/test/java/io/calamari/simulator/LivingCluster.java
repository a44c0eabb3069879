package io.calamari.simulator;

import io.calamari.protocol.Json;
import io.calamari.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A simulated cluster on a clock the test moves, with its answers parsed for assertions. */
final class LivingCluster {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final JsonMapper MAPPER = Json.newMapper();

    final MutableClock clock = new MutableClock(SimulatedCluster.ORIGIN.plus(Duration.ofHours(1)));
    final SimulatedCluster cluster;
    final SimulatedRadosClient client;

    LivingCluster(SimulatorSpec spec) {
        this.cluster = SimulatedCluster.build(spec, clock);
        this.client = new SimulatedRadosClient(cluster);
    }

    void advance(int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    String run(String scenario, String... arguments) {
        return Scenarios.run(cluster, scenario, List.of(arguments));
    }

    JsonNode mon(String prefix, Object... keysAndValues) {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("prefix", prefix);
        command.put("format", "json");
        for (int index = 0; index < keysAndValues.length; index += 2) {
            command.put((String) keysAndValues[index], keysAndValues[index + 1]);
        }
        return MAPPER.readTree(
                client.monCommand(command, TIMEOUT).requireSuccess().output());
    }

    byte[] raw(String prefix) {
        Map<String, Object> command = prefix.equals("pg dump")
                ? Map.of("prefix", prefix, "dumpcontents", List.of("pgs_brief"), "format", "json")
                : Map.of("prefix", prefix, "format", "json");
        return client.monCommand(command, TIMEOUT).requireSuccess().output();
    }

    JsonNode status() {
        return mon("status");
    }

    JsonNode health() {
        return mon("health", "detail", "detail");
    }

    List<JsonNode> placementGroups() {
        List<JsonNode> placementGroups = new ArrayList<>();
        mon("pg dump", "dumpcontents", List.of("pgs_brief")).get("pg_stats").forEach(placementGroups::add);
        return placementGroups;
    }

    /** PG states by count, from {@code status}. */
    Map<String, Long> states() {
        Map<String, Long> states = new LinkedHashMap<>();
        status().get("pgmap")
                .get("pgs_by_state")
                .forEach(state -> states.put(
                        state.get("state_name").asString(), state.get("count").asLong()));
        return states;
    }

    boolean clean() {
        return states().keySet().stream().allMatch(state -> state.startsWith("active+clean"));
    }

    /** Moves the clock {@code step} seconds at a time until {@code done} or {@code most} seconds; returns the seconds taken. */
    int advanceUntil(int step, int most, Predicate<LivingCluster> done) {
        for (int seconds = 0; seconds <= most; seconds += step) {
            if (done.test(this)) {
                return seconds;
            }
            advance(step);
        }
        throw new AssertionError("not done after " + most + " s; states " + states());
    }
}
