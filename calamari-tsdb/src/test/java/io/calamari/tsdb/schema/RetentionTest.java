package io.calamari.tsdb.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {
    @Test
    void parsesCarbonSyntaxWithUnitsAndPointCounts() {
        assertThat(Retention.parseList("60s:1d,15m:7d"))
                .containsExactly(new Retention(60, 1_440), new Retention(900, 672));
        assertThat(Retention.parseList("10s:6h,1min:7d,1h:1y"))
                .containsExactly(new Retention(10, 2_160), new Retention(60, 10_080), new Retention(3_600, 8_760));
        assertThat(Retention.parseList("60:1440")).containsExactly(new Retention(60, 1_440));
        assertThat(Retention.parseList("1w:5y")).containsExactly(new Retention(604_800, 260));
    }

    @Test
    void refusesWhatWhisperRefuses() {
        assertThatThrownBy(() -> Retention.parseList("60s:1d,60s:7d")).hasMessageContaining("same step");
        assertThatThrownBy(() -> Retention.parseList("60s:1d,90s:7d")).hasMessageContaining("not a multiple");
        assertThatThrownBy(() -> Retention.parseList("60s:7d,1h:1d")).hasMessageContaining("more history");
        assertThatThrownBy(() -> Retention.parseList("60s:30s")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Retention.parseList("60x:1d")).hasMessageContaining("unknown unit 'x'");
        assertThatThrownBy(() -> Retention.parseList("")).hasMessageContaining("no retention");
    }

    @Test
    void firstMatchingSectionWinsAndUnmatchedNamesGetCarbonsDefault() {
        StorageSchemas schemas = StorageSchemas.parse("""
                # Calamari's own file
                [carbon]
                pattern = ^carbon\\.
                retentions = 60:90d

                [calamari]
                pattern = .*
                retentions = 60s:1d,15m:7d
                """);
        assertThat(schemas.retentionsFor("carbon.agents.x.cpuUsage")).containsExactly(new Retention(60, 129_600));
        assertThat(schemas.retentionsFor("ceph.cluster.x.df.total_bytes"))
                .containsExactly(new Retention(60, 1_440), new Retention(900, 672));
        assertThat(StorageSchemas.parse("[only]\npattern = ^a\\.\nretentions = 10s:1h")
                        .retentionsFor("b.c"))
                .isEqualTo(StorageSchemas.CARBON_DEFAULT);
    }

    @Test
    void badSchemaFilesNameTheSection() {
        assertThatThrownBy(() -> StorageSchemas.parse("[x]\npattern = (\nretentions = 60s:1d"))
                .hasMessageContaining("storage-schemas.conf [x] (line 1)");
        assertThatThrownBy(() -> StorageSchemas.parse("[x]\npattern = .*")).hasMessageContaining("needs both");
        assertThatThrownBy(() -> StorageSchemas.parse("retentions = 1")).hasMessageContaining("line 1");
    }

    @Test
    void aggregationRulesFallBackToWhisperDefaultsPerKey() {
        StorageAggregation rules = StorageAggregation.parse("""
                [min]
                pattern = \\.min$
                xFilesFactor = 0.1
                aggregationMethod = min

                [count]
                pattern = \\.count$
                aggregationMethod = sum
                """);
        assertThat(rules.ruleFor("a.min")).isEqualTo(new StorageAggregation.Rule(AggregationMethod.MIN, 0.1));
        assertThat(rules.ruleFor("a.count")).isEqualTo(new StorageAggregation.Rule(AggregationMethod.SUM, 0.5));
        assertThat(rules.ruleFor("a.b")).isEqualTo(StorageAggregation.DEFAULT);
        assertThatThrownBy(() -> StorageAggregation.parse("[x]\npattern=.\naggregationMethod=median"))
                .hasMessageContaining("unknown aggregationMethod 'median'");
        assertThatThrownBy(() -> StorageAggregation.parse("[x]\npattern=.\nxFilesFactor=2"))
                .hasMessageContaining("between 0 and 1");
    }

    @Test
    void aggregationMethodsFollowWhisper() {
        double nan = Double.NaN;
        double[] values = {1, -7, nan, 4, nan, 2};
        assertThat(AggregationMethod.AVERAGE.aggregate(values, 0, 6, 0.5)).isEqualTo(0.0);
        assertThat(AggregationMethod.SUM.aggregate(values, 0, 6, 0.5)).isEqualTo(0.0);
        assertThat(AggregationMethod.LAST.aggregate(values, 0, 6, 0.5)).isEqualTo(2.0);
        assertThat(AggregationMethod.MAX.aggregate(values, 0, 6, 0.5)).isEqualTo(4.0);
        assertThat(AggregationMethod.MIN.aggregate(values, 0, 6, 0.5)).isEqualTo(-7.0);
        assertThat(AggregationMethod.AVG_ZERO.aggregate(values, 0, 6, 0.5)).isEqualTo(0.0);
        assertThat(AggregationMethod.ABSMAX.aggregate(values, 0, 6, 0.5)).isEqualTo(-7.0);
        assertThat(AggregationMethod.ABSMIN.aggregate(values, 0, 6, 0.5)).isEqualTo(1.0);
        // 4 of 6 known: enough for 0.5, not for 0.7.
        assertThat(AggregationMethod.AVERAGE.aggregate(values, 0, 6, 0.7)).isNaN();
        assertThat(AggregationMethod.AVERAGE.aggregate(new double[] {nan, nan}, 0, 2, 0))
                .isNaN();
        assertThat(List.of(AggregationMethod.values())).hasSize(8);
    }
}
