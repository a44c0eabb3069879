package io.calamari.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as Calamari's API writes them: ISO-8601 with microseconds and an explicit offset. */
public final class ApiTime {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private ApiTime() {}

    /** For example {@code 2014-01-17T12:19:26.317355+00:00}. */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
