package io.calamari.server.crush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.model.CrushBucket;
import io.calamari.ceph.model.CrushMap;
import io.calamari.ceph.parse.Fixtures;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.cluster.OsdMapPart;
import io.calamari.server.error.CalamariException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Editing the text map, and compiling it with the real crushtool, on the recorded degraded cluster. */
class CrushTextTest {
    private final OsdMapPart part =
            FixtureSnapshots.degraded().osdMap().orElseThrow().value();
    private final String text = Fixtures.text(Fixtures.DEGRADED, "crushmap.txt");
    private final CrushTool crushTool = CrushTool.onPath();

    @Test
    void crushtoolRoundsWeightsToThreeDecimalsSoCompilingItsTextZeroesSmallWeights() {
        CrushMap compiled = CompiledMaps.dump(crushTool.compile(text).bytes());

        assertThat(text).contains("item osd.0 weight 0.000");
        assertThat(compiled.bucket("node0").orElseThrow().items().get(0).weight())
                .as("the reason for withExactWeights")
                .isZero();
    }

    @Test
    void exactWeightsSurviveTheRoundTripBitForBit() {
        String exact = CrushText.withExactWeights(text, part.crush());

        assertThat(exact)
                .contains("\titem osd.0 weight 0.0001983642578125\n")
                .contains("\titem node0 weight 0.0001983642578125\n")
                .doesNotContain("item osd.0 weight 0.000\n");
        CrushMap compiled = CompiledMaps.dump(crushTool.compile(exact).bytes());
        for (CrushBucket bucket : part.crush().buckets()) {
            assertThat(compiled.bucket(bucket.id()).orElseThrow().items())
                    .as("items of %s", bucket.name())
                    .isEqualTo(bucket.items());
        }
        assertThat(compiled.rules()).isEqualTo(part.crush().rules());
    }

    @Test
    void exactDecimalsOfFixedPointWeights() {
        assertThat(CrushText.exact(1.0)).isEqualTo("1");
        assertThat(CrushText.exact(0.5)).isEqualTo("0.5");
        assertThat(CrushText.exact(119209 / 65536.0)).isEqualTo("1.8189849853515625");
        assertThat(CrushText.exact(0)).isEqualTo("0");
    }

    @Test
    void aRuleIsAddedBeforeTheEndOrReplacedByName() {
        String block = "rule added {\n\tid 9\n\ttype replicated\n\tmin_size 1\n\tmax_size 10\n"
                + "\tstep take extra\n\tstep chooseleaf firstn 0 type host\n\tstep emit\n}\n";

        String added = CrushText.putRule(text, Optional.empty(), block);
        assertThat(added).contains("}\n\n" + block + "\n# end crush map");
        assertThat(CompiledMaps.dump(crushTool.compile(added).bytes()).rules())
                .extracting(rule -> rule.name())
                .containsExactly("replicated_rule", "ecpool", "emptyrule", "extrarule", "added");

        String replaced = CrushText.putRule(text, Optional.of("emptyrule"), block.replace("id 9", "id 2"));
        assertThat(replaced).doesNotContain("rule emptyrule").contains("rule added {\n\tid 2\n");
        assertThat(replaced.indexOf("rule added"))
                .isBetween(replaced.indexOf("rule ecpool"), replaced.indexOf("rule extrarule"));
        assertThatThrownBy(() -> CrushText.putRule(text, Optional.of("nosuch"), block))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBucketIsRetypedInItsDeclarationOnly() {
        String retyped = CrushText.retypeBucket(text, "extrahost", "chassis");

        assertThat(retyped).contains("\nchassis extrahost {\n").doesNotContain("host extrahost {");
        assertThat(retyped).contains("item extrahost weight");
        CrushBucket bucket = CompiledMaps.dump(crushTool.compile(retyped).bytes())
                .bucket("extrahost")
                .orElseThrow();
        assertThat(bucket.typeName()).isEqualTo("chassis");
        assertThat(bucket.id()).isEqualTo(-10);
        assertThatThrownBy(() -> CrushText.retypeBucket(text, "replicated_rule", "host"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMapCrushtoolRefusesIsA400WithItsMessage() {
        assertThatThrownBy(() -> crushTool.compile("rule x {\n"))
                .isInstanceOfSatisfying(CrushTool.InvalidMapException.class, invalid -> {
                    assertThat(invalid.problem())
                            .startsWith(CrushTool.SOURCE_NAME + ":")
                            .contains("error");
                    assertThat(invalid.clientMessage())
                            .startsWith("crushtool could not compile the CRUSH map: crushmap.txt:")
                            .doesNotContain(System.getProperty("java.io.tmpdir"));
                });
    }

    @Test
    void withoutCrushtoolCompilingIs503() {
        CrushTool missing = new CrushTool(Optional.empty(), Duration.ofSeconds(5));
        assertThatThrownBy(() -> missing.compile(text))
                .isInstanceOfSatisfying(
                        CalamariException.class,
                        unavailable -> assertThat(unavailable.code().name()).isEqualTo("SERVICE_UNAVAILABLE"))
                .hasMessageContaining("ceph-base")
                .hasMessageContaining("cannot be compiled");
    }
}
