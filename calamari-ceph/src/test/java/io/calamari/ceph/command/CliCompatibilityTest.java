package io.calamari.ceph.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.command.CephCommand.Target;
import io.calamari.ceph.parse.Fixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every command line of {@code cli-cases.txt} gives what the real {@code ceph} CLI 16.2.15 made of
 * it ({@code cli-expectations.json}): the same daemon and the same JSON, keys in the same order, or a
 * refusal, with the same suggestions for an unknown command.
 */
class CliCompatibilityTest {
    private static final CommandLineParser PARSER = CommandFixtures.pacificParser();

    static Stream<Arguments> expectations() {
        List<JsonNode> cases = new ArrayList<>();
        Fixtures.tree(CommandFixtures.DIRECTORY, "cli-expectations.json").forEach(cases::add);
        assertThat(cases).hasSizeGreaterThan(150);
        return cases.stream()
                .map(expectation -> Arguments.of(expectation.get("line").stringValue(), expectation));
    }

    @ParameterizedTest(name = "ceph {0}")
    @MethodSource("expectations")
    void sameAsTheCli(String line, JsonNode expectation) {
        if (expectation.has("arguments")) {
            ParsedCommandLine parsed = PARSER.parse(line);
            assertThat(parsed.target())
                    .isEqualTo(expectation.get("target").stringValue().equals("mgr") ? Target.MGR : Target.MON);
            Map<String, Object> expected = toMap(expectation.get("arguments"));
            assertThat(parsed.arguments()).isEqualTo(expected);
            assertThat(parsed.arguments().keySet()).containsExactlyElementsOf(expected.keySet());
        } else if (expectation.has("closest")) {
            List<String> closest = new ArrayList<>();
            expectation.get("closest").forEach(usage -> closest.add(usage.stringValue()));
            assertThatThrownBy(() -> PARSER.parse(line))
                    .isInstanceOfSatisfying(
                            CommandLineException.class,
                            e -> assertThat(e.closestMatches()).isEqualTo(closest));
        } else {
            assertThatThrownBy(() -> PARSER.parse(line))
                    .as("the CLI said: %s", expectation.get("error").stringValue())
                    .isInstanceOf(CommandLineException.class);
        }
    }

    private static Map<String, Object> toMap(JsonNode object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.properties().forEach(property -> map.put(property.getKey(), toValue(property.getValue())));
        return map;
    }

    private static Object toValue(JsonNode value) {
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            value.forEach(element -> list.add(toValue(element)));
            return list;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return value.stringValue();
    }
}
