package io.calamari.tsdb.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.calamari.protocol.Json;
import io.calamari.tsdb.query.format.RenderWriter;
import io.calamari.tsdb.query.function.FunctionRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every query recorded from graphite-web 1.1.8 (src/test/golden/record-graphite-web.sh) answered
 * by the render engine over the same whisper data, compared point by point: names and tags
 * exactly, values to a relative 1e-9. Queries graphite-web rejected must be rejected too.
 */
class GraphiteGoldenTest {
    /**
     * Malformed targets graphite-web's lenient parser turns into an empty path (answering nothing) or
     * whose trailing text it drops; Calamari reports them as errors with a position instead.
     */
    private static final Set<String> STRICTER_THAN_GRAPHITE = Set.of(
            "sumSeries(servers.node1.cpu.user",
            "sumSeries(servers.node1.cpu.user))",
            "alias(servers.node1.cpu.user,'unterminated)");

    /** Answers Calamari must reproduce byte for byte, not just in value (plain fetches, Grafana's wrapping). */
    private static final Set<String> BYTE_IDENTICAL = Set.of(
            "servers.node1.cpu.user",
            "servers.*.cpu.user",
            "sparse.*.value",
            "seriesByTag('name=disk.used')",
            "servers.*.cpu.user ||| maxDataPoints=50",
            "sumSeries(servers.*.cpu.user)",
            "aliasSub(sumSeries(servers.*.cpu.user),\"(^.*$)\",\"\\1 A\") ||| maxDataPoints=40",
            "constantLine(100) ||| maxDataPoints=100");

    /** Floats as doubles: the project's BigDecimal default makes reading the recordings slow. */
    static final JsonMapper MAPPER = Json.newMapper()
            .rebuild()
            .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final WhisperDatasetSource SOURCE = WhisperDatasetSource.load();
    private static final RenderEngine ENGINE = new RenderEngine(SOURCE, FunctionRegistry.standard());

    @TestFactory
    Stream<DynamicTest> answersLikeGraphiteWeb() throws IOException {
        JsonNode answers;
        try (InputStream in = getClass().getResourceAsStream("/graphite-golden/answers.json")) {
            answers = MAPPER.readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode answer : answers) {
            String query = answer.get("query").asString();
            tests.add(DynamicTest.dynamicTest(query, () -> check(answer, query)));
        }
        assertThat(tests).hasSizeGreaterThan(250);
        assertThat(tests.stream().map(DynamicTest::getDisplayName)).containsAll(BYTE_IDENTICAL);
        return tests.stream();
    }

    private static void check(JsonNode answer, String query) throws IOException {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (JsonNode pair : answer.get("params")) {
            parameters
                    .computeIfAbsent(pair.get(0).asString(), key -> new ArrayList<>())
                    .add(pair.get(1).asString());
        }
        int status = answer.get("status").asInt();
        if (status != 200 || STRICTER_THAN_GRAPHITE.contains(query)) {
            assertThatThrownBy(() -> render(parameters)).isInstanceOf(QueryException.class);
            return;
        }
        String actual = render(parameters);
        String expected = answer.get("body").asString();
        String format = parameters.get("format").get(0);
        switch (format) {
            case "json" -> {
                compareJson(MAPPER.readTree(expected), MAPPER.readTree(actual));
                if (BYTE_IDENTICAL.contains(query)) {
                    assertThat(actual).isEqualTo(expected);
                }
            }
            case "raw" -> compareText(expected, actual, "[,|]");
            case "csv" -> compareText(expected, actual, ",");
            default -> fail("unexpected format " + format);
        }
    }

    private static String render(Map<String, List<String>> parameters) throws IOException {
        RenderRequest request = RenderRequest.fromParameters(parameters, ZoneOffset.UTC);
        List<TimeSeries> series = ENGINE.render(request, SOURCE.now());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RenderWriter.write(series, request, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void compareJson(JsonNode expected, JsonNode actual) {
        assertThat(names(actual)).as("targets").isEqualTo(names(expected));
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = expected.get(i);
            JsonNode got = actual.get(i);
            String target = want.get("target").asString();
            assertThat(got.get("tags")).as("tags of %s", target).isEqualTo(want.get("tags"));
            JsonNode wantPoints = want.get("datapoints");
            JsonNode gotPoints = got.get("datapoints");
            assertThat(gotPoints.size()).as("points of %s", target).isEqualTo(wantPoints.size());
            // plain comparisons per point (an AssertJ chain per point would dominate the run time)
            for (int p = 0; p < wantPoints.size(); p++) {
                long wantTime = wantPoints.get(p).get(1).asLong();
                if (gotPoints.get(p).get(1).asLong() != wantTime) {
                    fail(
                            "%s point %s: time %s, expected %s",
                            target, p, gotPoints.get(p).get(1), wantTime);
                }
                JsonNode wantValue = wantPoints.get(p).get(0);
                JsonNode gotValue = gotPoints.get(p).get(0);
                if (wantValue.isNull() != gotValue.isNull()) {
                    fail("%s point %s: %s, expected %s", target, p, gotValue, wantValue);
                }
                if (!wantValue.isNull()) {
                    assertClose(target, p, wantValue.asDouble(), gotValue.asDouble());
                }
            }
        }
    }

    private static List<String> names(JsonNode answer) {
        List<String> names = new ArrayList<>();
        answer.forEach(series -> names.add(series.get("target").asString()));
        return names;
    }

    /** Line by line, field by field: numbers within tolerance, everything else exactly. */
    private static void compareText(String expected, String actual, String separators) {
        String[] wantLines = expected.split("\r?\n");
        String[] gotLines = actual.split("\r?\n");
        assertThat(gotLines).as("lines").hasSameSizeAs(wantLines);
        for (int line = 0; line < wantLines.length; line++) {
            String[] want = wantLines[line].split(separators, -1);
            String[] got = gotLines[line].split(separators, -1);
            assertThat(got).as("fields of line %s: %s", line, gotLines[line]).hasSameSizeAs(want);
            for (int field = 0; field < want.length; field++) {
                if (isNumber(want[field]) && isNumber(got[field])) {
                    assertClose(
                            "line " + line + " field",
                            field,
                            Double.parseDouble(want[field]),
                            Double.parseDouble(got[field]));
                } else {
                    assertThat(got[field]).as("line %s field %s", line, field).isEqualTo(want[field]);
                }
            }
        }
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return !text.isEmpty();
        } catch (NumberFormatException notNumber) {
            return false;
        }
    }

    private static void assertClose(String where, int index, double expected, double actual) {
        double tolerance = Math.max(1e-9, Math.abs(expected) * 1e-9);
        if (!(Math.abs(expected - actual) <= tolerance) && expected != actual) {
            fail("%s at %s: expected %s but got %s", where, index, expected, actual);
        }
    }
}
