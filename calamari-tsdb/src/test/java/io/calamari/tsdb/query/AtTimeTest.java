package io.calamari.tsdb.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** graphite-web's parseATTime, with now = 2023-11-15 00:00:00 UTC (a Wednesday). */
class AtTimeTest {
    private static final long NOW = 1_700_006_400L;

    @ParameterizedTest
    @CsvSource({
        "now, 0",
        "'', 0",
        "-1d, -86400",
        "-5min, -300",
        "-12hour, -43200",
        "-3h, -10800",
        "-1w, -604800",
        "-1mon, -2592000",
        "-1y, -31536000",
        "-30s, -30",
        "-1d2h, -93600",
        "now-1h, -3600",
        "now+1h, 3600",
        "20231114, -86400",
        "23:00_20231114, -3600",
        "'23:00 20231114', -3600",
        "noonyesterday, -43200",
        "midnight, 0",
        "6pmyesterday, -21600",
        "11/14/23, -86400",
        "tomorrow, 86400",
        "monday, -172800",
        "nov14, -86400",
    })
    void relativeToNow(String text, long offset) {
        assertThat(AtTime.parse(text, ZoneOffset.UTC, NOW)).isEqualTo(NOW + offset);
    }

    @ParameterizedTest
    @CsvSource({"1700000000, 1700000000", "1, 1", "99999999, 99999999"})
    void bareIntegersAreEpochSecondsUnlessTheyLookLikeADate(String text, long epoch) {
        assertThat(AtTime.parse(text, ZoneOffset.UTC, NOW)).isEqualTo(epoch);
    }

    @ParameterizedTest
    @CsvSource({"20231114, 1699916400", "23:00_20231114, 1699999200", "-1d, 1699920000"})
    void datesAreInTheRequestZone(String text, long epoch) {
        assertThat(AtTime.parse(text, ZoneId.of("Europe/Berlin"), NOW)).isEqualTo(epoch);
    }

    @ParameterizedTest
    // graphite-web rejects noon+yesterday too: the text after '+' must be an offset
    @ValueSource(strings = {"-5m", "-1x", "bogus", "13/45/23", "-d", "noon+yesterday"})
    void invalidTimesAreQueryErrors(String text) {
        assertThatThrownBy(() -> AtTime.parse(text, ZoneOffset.UTC, NOW)).isInstanceOf(QueryException.class);
    }

    @ParameterizedTest
    @CsvSource({"1h, 3600", "-1h, -3600", "+1d, 86400", "10min, 600", "1hour, 3600", "2weeks, 1209600"})
    void offsets(String text, long seconds) {
        assertThat(AtTime.parseOffset(text)).isEqualTo(seconds);
    }
}
