package io.calamari.tsdb.query.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.tsdb.query.FetchedSeries;
import io.calamari.tsdb.query.QueryException;
import io.calamari.tsdb.query.RenderEngine;
import io.calamari.tsdb.query.SeriesSource;
import io.calamari.tsdb.query.TimeSeries;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FunctionRegistryTest {
    /** One series, a.b, of three points. */
    private static final SeriesSource SOURCE = new SeriesSource() {
        @Override
        public List<String> expand(String pattern) {
            return pattern.equals("a.b") || pattern.equals("a.*") ? List.of("a.b") : List.of();
        }

        @Override
        public List<String> findTagged(List<String> expressions) {
            return List.of();
        }

        @Override
        public Optional<FetchedSeries> fetch(String path, long from, long until, long now) {
            return Optional.of(new FetchedSeries(60, 60, new double[] {1, 2, 3}));
        }
    };

    private final RenderEngine engine = new RenderEngine(SOURCE, FunctionRegistry.standard());

    private List<TimeSeries> render(String target) {
        return engine.render(List.of(target), 0, 180, 180, 0);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '#',
            value = {
                "noSuchFunction(a.b)#Received request for unknown function: noSuchFunction",
                "scale(a.b)#scale() missing required argument 'factor'",
                "scale(a.b, 'ten')#scale(): argument 'factor' must be a number",
                "scale(a.b, 1, 2)#scale() takes at most 2 arguments",
                "scale(a.b, fact=2)#scale() got an unexpected keyword argument 'fact'",
                "scale(a.b, 2, factor=2)#scale() got multiple values for argument 'factor'",
                "scale('a.b', 2)#scale(): argument 'seriesList' must be a series list",
                "aggregate(a.b, 'bogus')#Unsupported aggregation function: bogus",
                "divideSeries(a.b, group(a.b, a.b))#must reference exactly 1 series",
                "\"a.b\"#a target must be a series path or a function call",
            })
    void badCallsAreQueryErrors(String target, String message) {
        assertThatThrownBy(() -> render(target))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining(message);
    }

    @Test
    void keywordsAndPositionalsBindAlike() {
        assertThat(render("scale(seriesList=a.b, factor=2)").get(0).values()).containsExactly(2, 4, 6);
        assertThat(render("a.b | scale(2)").get(0).name()).isEqualTo("scale(a.b,2)");
    }

    @Test
    void everyRegisteredFunctionHasAGroupAndParameters() {
        FunctionRegistry registry = FunctionRegistry.standard();
        assertThat(registry.definitions()).hasSizeGreaterThanOrEqualTo(54);
        assertThat(registry.definitions()).allSatisfy(definition -> {
            assertThat(definition.group()).isNotBlank();
            assertThat(definition.description()).isNotBlank();
            assertThat(definition.parameters()).isNotEmpty();
        });
    }
}
