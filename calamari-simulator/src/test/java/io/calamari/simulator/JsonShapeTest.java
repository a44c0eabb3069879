package io.calamari.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.protocol.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JsonShapeTest {
    private static final JsonMapper MAPPER = Json.newMapper();

    private static JsonShape shape(String json) {
        return JsonShape.of(MAPPER.readTree(json));
    }

    @Test
    void documents_of_different_sizes_but_one_shape_match() {
        JsonShape expected = shape("{\"a\": [{\"x\": 1}, {\"y\": \"s\"}], \"b\": 0.5, \"c\": []}");
        JsonShape actual = shape("{\"a\": [{\"x\": 2, \"y\": \"t\"}], \"b\": 1, \"c\": [{\"z\": true}]}");

        assertThat(expected.differences(actual, Set.of(), Set.of())).isEmpty();
    }

    @Test
    void missing_and_unexpected_keys_and_other_types_are_reported_with_their_path() {
        JsonShape expected = shape("{\"a\": [{\"x\": 1, \"y\": {\"z\": \"s\"}}], \"b\": true}");
        JsonShape actual = shape("{\"a\": [{\"x\": \"1\", \"y\": {\"w\": \"s\"}}], \"b\": true, \"c\": null}");

        assertThat(expected.differences(actual, Set.of(), Set.of()))
                .containsExactly(
                        "$: unexpected keys [c]",
                        "$.a[].x: expected [number] but was [string]",
                        "$.a[].y: missing keys [z]",
                        "$.a[].y: unexpected keys [w]");
    }

    @Test
    void named_keys_compare_their_values_and_fewer_keys_allow_a_subset() {
        JsonShape expected = shape("{\"apps\": {\"rbd\": {}}, \"sig\": {\"name\": \"n\", \"goodchars\": \"g\"}}");
        JsonShape actual = shape("{\"apps\": {\"rgw\": {}}, \"sig\": {\"name\": \"m\"}}");

        assertThat(expected.differences(actual, Set.of("$.apps"), Set.of("$.sig")))
                .isEmpty();
        assertThat(expected.differences(actual, Set.of(), Set.of())).hasSize(3);
    }

    @Test
    void conditional_keys_may_be_on_one_side_but_keep_their_type() {
        JsonShape idle = shape("{\"pgmap\": {\"num_pgs\": 1}, \"pools\": [{\"client_io_rate\": {}}]}");
        JsonShape busy = shape("{\"pgmap\": {\"num_pgs\": 1, \"read_op_per_sec\": 3},"
                + " \"pools\": [{\"client_io_rate\": {\"read_op_per_sec\": 3}}]}");
        JsonShape wrong = shape("{\"pgmap\": {\"num_pgs\": 1, \"read_op_per_sec\": \"3\"}}");

        assertThat(idle.differences(busy, Set.of(), Set.of(), Set.of("read_op_per_sec")))
                .isEmpty();
        assertThat(busy.differences(idle, Set.of(), Set.of(), Set.of("read_op_per_sec")))
                .isEmpty();
        assertThat(idle.differences(busy, Set.of(), Set.of())).hasSize(2);
        assertThat(busy.differences(wrong, Set.of(), Set.of(), Set.of("read_op_per_sec")))
                .containsExactly(
                        "$: missing keys [pools]", "$.pgmap.read_op_per_sec: expected [number] but was [string]");
    }
}
