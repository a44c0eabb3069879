package io.calamari.tsdb.query.function;

import io.calamari.tsdb.query.AtTime;
import io.calamari.tsdb.query.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * graphite-web's summarize: buckets of a fixed interval, aligned to multiples of the interval (or
 * to the series start with alignToFrom), each aggregated when its known points reach the series'
 * xFilesFactor. Stateless.
 */
final class Summarize {
    private Summarize() {}

    static List<TimeSeries> summarize(Arguments a) {
        String intervalText = a.text("intervalString");
        String function = a.text("func");
        boolean alignToFrom = a.bool("alignToFrom");
        long interval = Math.abs(AtTime.parseOffset(intervalText));
        if (interval <= 0) {
            throw new io.calamari.tsdb.query.QueryException("summarize(): interval must be positive");
        }
        List<TimeSeries> out = new ArrayList<>();
        for (TimeSeries s : a.series("seriesList")) {
            long newStart = alignToFrom ? s.start() : s.start() - Math.floorMod(s.start(), interval);
            long newEnd = alignToFrom ? s.end() : s.end() - Math.floorMod(s.end(), interval) + interval;
            double[] values = s.readValues();
            int points = (int) Math.min(values.length, Math.max(0, (s.end() - s.start() + s.step() - 1) / s.step()));
            double intervalPoints = (double) interval / s.step();
            List<Double> result = new ArrayList<>();
            int i = 0;
            long timestamp = newStart;
            while (timestamp < newEnd) {
                int first = i;
                int known = 0;
                while (i < points && s.start() + i * s.step() < timestamp + interval) {
                    long at = s.start() + i * s.step();
                    if (at <= timestamp) {
                        first = i;
                    }
                    if (at >= timestamp && !Double.isNaN(values[i])) {
                        known++;
                    }
                    i++;
                }
                boolean enough = known > 0 && known / intervalPoints >= s.xFilesFactor();
                result.add(enough ? Aggregators.apply(function, values, first, i - first) : Double.NaN);
                timestamp += interval;
            }
            if (alignToFrom) {
                newEnd = timestamp;
            }
            double[] summarized =
                    result.stream().mapToDouble(Double::doubleValue).toArray();
            String name = "summarize(" + s.name() + ", \"" + intervalText + "\", \"" + function + "\""
                    + (alignToFrom ? ", true" : "") + ")";
            TimeSeries tagged = s.withNameAndTag(name, "summarize", intervalText)
                    .withNameAndTag(name, "summarizeFunction", function);
            out.add(tagged.withTimes(newStart, newEnd, interval, summarized)
                    .withPathExpression(name)
                    .withConsolidation(s.consolidationFunc(), 1));
        }
        return out;
    }
}
