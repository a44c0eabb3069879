package io.calamari.tsdb.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderRequestTest {
    private static final long NOW = 1_700_006_400L;

    @Test
    void defaultsAreTheLastDayAsJson() {
        RenderRequest request = RenderRequest.fromParameters(Map.of("target", List.of("a.b")), ZoneOffset.UTC);
        assertThat(request.format()).isEqualTo(RenderFormat.JSON);
        assertThat(request.maxDataPoints()).isNull();
        assertThat(request.noNullPoints()).isFalse();
        assertThat(request.xFilesFactor()).isZero();
        assertThat(request.timeRange(NOW)).isEqualTo(new RenderRequest.TimeRange(NOW - 86_400, NOW, NOW));
    }

    @Test
    void readsEveryOption() {
        RenderRequest request = RenderRequest.fromParameters(
                Map.of(
                        "target", List.of("a.b"),
                        "target[]", List.of("c.d"),
                        "from", List.of("-2h"),
                        "until", List.of("-1h"),
                        "now", List.of("1700000000"),
                        "tz", List.of("Europe/Berlin"),
                        "maxDataPoints", List.of("300"),
                        "noNullPoints", List.of(""),
                        "format", List.of("json-array"),
                        "xFilesFactor", List.of("0.5")),
                ZoneOffset.UTC);
        assertThat(request.targets()).containsExactly("a.b", "c.d");
        assertThat(request.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(request.maxDataPoints()).isEqualTo(300);
        assertThat(request.noNullPoints()).isTrue();
        assertThat(request.format()).isEqualTo(RenderFormat.JSON_ARRAY);
        assertThat(request.xFilesFactor()).isEqualTo(0.5);
        assertThat(request.timeRange(NOW))
                .isEqualTo(new RenderRequest.TimeRange(1_700_000_000L - 7200, 1_700_000_000L - 3600, 1_700_000_000L));
    }

    @Test
    void swappedTimesAreReorderedAndAnEmptyRangeIsAnError() {
        RenderRequest swapped =
                RenderRequest.fromParameters(Map.of("from", List.of("-1h"), "until", List.of("-2h")), ZoneOffset.UTC);
        assertThat(swapped.timeRange(NOW)).isEqualTo(new RenderRequest.TimeRange(NOW - 7200, NOW - 3600, NOW));
        RenderRequest empty = RenderRequest.fromParameters(
                Map.of("from", List.of("-1h"), "until", List.of("-60min")), ZoneOffset.UTC);
        assertThatThrownBy(() -> empty.timeRange(NOW))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void unknownZoneFallsBackToTheDefaultAndBadOptionsAreErrors() {
        assertThat(RenderRequest.fromParameters(Map.of("tz", List.of("Mars/Olympus")), ZoneOffset.UTC)
                        .zone())
                .isEqualTo(ZoneOffset.UTC);
        assertThatThrownBy(() -> RenderRequest.fromParameters(Map.of("format", List.of("png")), ZoneOffset.UTC))
                .isInstanceOf(QueryException.class);
        assertThatThrownBy(() -> RenderRequest.fromParameters(Map.of("maxDataPoints", List.of("x")), ZoneOffset.UTC))
                .isInstanceOf(QueryException.class);
    }
}
