package io.calamari.tsdb.query;

import static java.util.Objects.requireNonNull;

import io.calamari.tsdb.SeriesNames;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One series as graphite-web's render functions see it: {@code values[i]} is the point at {@code
 * start + i * step}, {@link Double#NaN} meaning None; {@code end} is exclusive. {@code
 * valuesPerPoint} above 1 means "read me consolidated" (graphite-web consolidates lazily while
 * iterating, with {@code consolidationFunc} and {@code xFilesFactor}). Immutable by convention:
 * functions build new series and never write into {@code values}.
 */
public record TimeSeries(
        String name,
        long start,
        long end,
        long step,
        double[] values,
        Map<String, String> tags,
        String pathExpression,
        String consolidationFunc,
        int valuesPerPoint,
        double xFilesFactor) {
    public TimeSeries {
        requireNonNull(name, "name");
        requireNonNull(values, "values");
        // insertion order kept, so answers are byte-for-byte stable and ordered as graphite-web orders them
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        requireNonNull(pathExpression, "pathExpression");
        requireNonNull(consolidationFunc, "consolidationFunc");
        if (step <= 0) {
            throw new IllegalArgumentException("step must be positive: " + step);
        }
    }

    /** A fresh series whose tags come from its name, as graphite-web's constructor does. */
    public static TimeSeries of(String name, long start, long end, long step, double[] values, double xFilesFactor) {
        return new TimeSeries(name, start, end, step, values, tagsOf(name), name, "average", 1, xFilesFactor);
    }

    /**
     * The tags a name implies: its tags (sorted, then {@code name}, as graphite-web lists them) when it
     * is a tagged series name, else just {@code name}.
     */
    public static Map<String, String> tagsOf(String name) {
        if (name.indexOf(';') > 0) {
            try {
                Map<String, String> tags = new LinkedHashMap<>(SeriesNames.tags(SeriesNames.normalize(name)));
                String path = tags.remove("name");
                tags.put("name", path);
                return tags;
            } catch (IllegalArgumentException notTagged) {
                // a function name with a ';' in a string argument: graphite keeps it as the name
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("name", name);
        return tags;
    }

    public TimeSeries withName(String newName) {
        return new TimeSeries(
                newName,
                start,
                end,
                step,
                values,
                tags,
                pathExpression,
                consolidationFunc,
                valuesPerPoint,
                xFilesFactor);
    }

    public TimeSeries withNameAndTags(String newName, Map<String, String> newTags) {
        return new TimeSeries(
                newName,
                start,
                end,
                step,
                values,
                newTags,
                pathExpression,
                consolidationFunc,
                valuesPerPoint,
                xFilesFactor);
    }

    /** Renamed, with one more tag ({@code name} stays what it was, as graphite-web's series.tags[k]=v). */
    public TimeSeries withNameAndTag(String newName, String tag, String value) {
        Map<String, String> newTags = new LinkedHashMap<>(tags);
        newTags.put(tag, value);
        return withNameAndTags(newName, newTags);
    }

    public TimeSeries withValues(double[] newValues) {
        return new TimeSeries(
                name,
                start,
                end,
                step,
                newValues,
                tags,
                pathExpression,
                consolidationFunc,
                valuesPerPoint,
                xFilesFactor);
    }

    public TimeSeries withPathExpression(String expression) {
        return new TimeSeries(
                name, start, end, step, values, tags, expression, consolidationFunc, valuesPerPoint, xFilesFactor);
    }

    public TimeSeries withTimes(long newStart, long newEnd, long newStep, double[] newValues) {
        return new TimeSeries(
                name,
                newStart,
                newEnd,
                newStep,
                newValues,
                tags,
                pathExpression,
                consolidationFunc,
                valuesPerPoint,
                xFilesFactor);
    }

    public TimeSeries withConsolidation(String function, int newValuesPerPoint) {
        return new TimeSeries(
                name, start, end, step, values, tags, pathExpression, function, newValuesPerPoint, xFilesFactor);
    }

    public TimeSeries withXFilesFactor(double newXFilesFactor) {
        return new TimeSeries(
                name,
                start,
                end,
                step,
                values,
                tags,
                pathExpression,
                consolidationFunc,
                valuesPerPoint,
                newXFilesFactor);
    }

    /** Whether any value is known. */
    public boolean hasData() {
        for (double value : values) {
            if (!Double.isNaN(value)) {
                return true;
            }
        }
        return false;
    }

    /** The values as a reader sees them: consolidated by {@code valuesPerPoint} when above 1. */
    public double[] readValues() {
        return valuesPerPoint <= 1
                ? values
                : Consolidation.consolidate(values, valuesPerPoint, consolidationFunc, xFilesFactor);
    }
}
