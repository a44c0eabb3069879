package io.calamari.tsdb.query;

import static java.util.Objects.requireNonNull;

/**
 * What evaluating one target needs: the source and graphite-web's time bounds ({@code from}
 * exclusive, {@code until} inclusive, {@code now} for retention), plus the request's default
 * xFilesFactor. Immutable; functions that read other ranges (movingAverage, timeShift) derive a
 * shifted copy.
 */
public record EvaluationContext(SeriesSource source, long from, long until, long now, double xFilesFactor) {
    public EvaluationContext {
        requireNonNull(source, "source");
    }

    public EvaluationContext withRange(long newFrom, long newUntil) {
        return new EvaluationContext(source, newFrom, newUntil, now, xFilesFactor);
    }
}
