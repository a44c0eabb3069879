package io.calamari.tsdb.query.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /functions} index against graphite-web 1.1.8's own registration of the same functions
 * (recorded in functions.json): signature, group and every parameter's name, type, required,
 * default, multiple, suggestions and options (a callback may offer fewer, as Calamari implements
 * fewer aggregators).
 */
class FunctionIndexTest {
    private static final JsonMapper MAPPER = Json.newMapper()
            .rebuild()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    @Test
    void everyFunctionIsDescribedAsGraphiteWebDescribesIt() throws IOException {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/graphite-golden/functions.json")) {
            golden = MAPPER.readTree(in);
        }
        JsonNode ours = MAPPER.valueToTree(FunctionIndex.of(FunctionRegistry.standard()));
        List<String> names = new ArrayList<>();
        ours.properties().forEach(entry -> names.add(entry.getKey()));
        List<String> goldenNames = new ArrayList<>();
        golden.properties().forEach(entry -> goldenNames.add(entry.getKey()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(goldenNames);

        for (String name : names) {
            JsonNode want = golden.get(name);
            JsonNode got = ours.get(name);
            // case-insensitive: graphite-web's timeShift says alignDST in its signature, alignDst in its params
            assertThat(got.get("function").asString())
                    .as(name)
                    .isEqualToIgnoringCase(want.get("function").asString());
            assertThat(got.get("group").asString())
                    .as(name)
                    .isEqualTo(want.get("group").asString());
            assertThat(got.get("module").asString()).isEqualTo("graphite.render.functions");
            assertThat(got.get("description").asString()).as(name).isNotBlank();
            assertThat(got.get("params").size())
                    .as("params of %s", name)
                    .isEqualTo(want.get("params").size());
            for (int i = 0; i < want.get("params").size(); i++) {
                compareParameter(
                        name, want.get("params").get(i), got.get("params").get(i));
            }
        }
    }

    private static void compareParameter(String function, JsonNode want, JsonNode got) {
        String where = function + "." + want.get("name").asString();
        for (String key : List.of("name", "type", "required", "multiple", "suggestions")) {
            assertThat(got.get(key)).as("%s %s", where, key).isEqualTo(want.get(key));
        }
        JsonNode wantDefault = want.get("default");
        JsonNode gotDefault = got.get("default");
        if (wantDefault == null || gotDefault == null) {
            assertThat(gotDefault).as("%s default", where).isEqualTo(wantDefault);
        } else if (wantDefault.isNumber() && Double.isInfinite(wantDefault.asDouble())) {
            assertThat(gotDefault.decimalValue()).as("%s default", where).isEqualByComparingTo("1e9999");
        } else if (wantDefault.isNumber()) {
            assertThat(gotDefault.asDouble()).as("%s default", where).isEqualTo(wantDefault.asDouble());
        } else {
            assertThat(gotDefault).as("%s default", where).isEqualTo(wantDefault);
        }
        if (want.get("type").asString().equals("aggOrSeriesFunc")) {
            assertThat(strings(got.get("options"))).as("%s options", where).isSubsetOf(strings(want.get("options")));
        } else {
            assertThat(got.get("options")).as("%s options", where).isEqualTo(want.get("options"));
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(item -> strings.add(item.asString()));
        return strings;
    }

    @Test
    void infiniteDefaultIsValidJson() {
        Map<String, Object> index = FunctionIndex.of(FunctionRegistry.standard());
        String json = MAPPER.writeValueAsString(index.get("keepLastValue"));
        assertThat(json).contains("\"default\":1E+9999").doesNotContain("Infinity");
    }
}
