package io.calamari.tsdb.query;

import static java.util.Objects.requireNonNull;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code /render} request's options as graphite-web reads them: targets, {@code from} (default
 * -1d), {@code until} (default now), {@code now}, {@code tz}, {@code maxDataPoints}, {@code
 * noNullPoints}, {@code format}. Times stay text until {@link #timeRange} resolves them. Immutable.
 */
public record RenderRequest(
        List<String> targets,
        String from,
        String until,
        @Nullable String now,
        ZoneId zone,
        @Nullable Integer maxDataPoints,
        boolean noNullPoints,
        RenderFormat format,
        double xFilesFactor) {
    public RenderRequest {
        targets = List.copyOf(targets);
        requireNonNull(from, "from");
        requireNonNull(until, "until");
        requireNonNull(zone, "zone");
        requireNonNull(format, "format");
    }

    /** The resolved bounds of a request: {@code from < until}, both epoch seconds. */
    public record TimeRange(long from, long until, long now) {}

    /**
     * Reads request parameters (query string and form merged; {@code target[]} counts as {@code
     * target}). Unknown parameters are ignored, as graphite-web does.
     */
    public static RenderRequest fromParameters(Map<String, List<String>> parameters, ZoneId defaultZone) {
        List<String> targets = new ArrayList<>();
        targets.addAll(parameters.getOrDefault("target", List.of()));
        targets.addAll(parameters.getOrDefault("target[]", List.of()));
        ZoneId zone = defaultZone;
        String tz = first(parameters, "tz");
        if (tz != null && !tz.isEmpty()) {
            try {
                zone = ZoneId.of(tz);
            } catch (DateTimeException unknown) {
                // graphite-web falls back to its default zone for an unknown one
            }
        }
        String maxDataPoints = first(parameters, "maxDataPoints");
        Integer points = null;
        if (maxDataPoints != null && !maxDataPoints.isEmpty()) {
            try {
                points = (int) Double.parseDouble(maxDataPoints);
            } catch (NumberFormatException invalid) {
                throw new QueryException("maxDataPoints must be a number, not '" + maxDataPoints + "'");
            }
        }
        String xFilesFactor = first(parameters, "xFilesFactor");
        String format = first(parameters, "format");
        return new RenderRequest(
                targets,
                orDefault(first(parameters, "from"), "-1d"),
                orDefault(first(parameters, "until"), "now"),
                first(parameters, "now"),
                zone,
                points,
                parameters.containsKey("noNullPoints"),
                format == null || format.isEmpty() ? RenderFormat.JSON : RenderFormat.of(format),
                xFilesFactor == null ? 0 : parseFactor(xFilesFactor));
    }

    /** Resolves the times against the current time; swapped bounds are re-ordered, an empty range is an error. */
    public TimeRange timeRange(long currentTime) {
        long resolvedNow = now == null ? currentTime : AtTime.parse(now, zone, currentTime);
        long resolvedUntil = AtTime.parse(until, zone, resolvedNow);
        long resolvedFrom = AtTime.parse(from, zone, resolvedNow);
        if (resolvedFrom == resolvedUntil) {
            throw new QueryException("Invalid empty time range");
        }
        return new TimeRange(Math.min(resolvedFrom, resolvedUntil), Math.max(resolvedFrom, resolvedUntil), resolvedNow);
    }

    /** A request for one or more targets with graphite-web's defaults, in UTC. */
    public static RenderRequest of(List<String> targets, RenderFormat format) {
        return new RenderRequest(targets, "-1d", "now", null, ZoneOffset.UTC, null, false, format, 0);
    }

    private static double parseFactor(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException invalid) {
            throw new QueryException("xFilesFactor must be a number, not '" + text + "'");
        }
    }

    private static @Nullable String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String orDefault(@Nullable String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
