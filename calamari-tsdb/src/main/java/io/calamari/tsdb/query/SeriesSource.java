package io.calamari.tsdb.query;

import java.util.List;
import java.util.Optional;

/**
 * What the Graphite render engine reads: series names by pattern and their points, with whisper's
 * fetch semantics. The store implements it; tests use an in-memory fake. Thread-safe.
 */
public interface SeriesSource {
    /**
     * The leaf series whose path matches a Graphite path pattern ({@code *}, {@code ?}, {@code
     * [...]}, {@code {a,b}}, matched one dot-separated node at a time), sorted by path.
     */
    List<String> expand(String pattern);

    /**
     * The tagged series ({@code name;tag=value...}) matching all of graphite's {@code seriesByTag}
     * expressions ({@code tag=value}, {@code tag!=value}, {@code tag=~regex}, {@code tag!=~regex}),
     * sorted.
     */
    List<String> findTagged(List<String> expressions);

    /**
     * The points of one series as whisper's fetch returns them: {@code from} exclusive, {@code until}
     * inclusive, both clamped to the retention as of {@code now}, on the step of the finest tier
     * whose retention covers {@code now - from}. Empty when the series does not exist.
     */
    Optional<FetchedSeries> fetch(String path, long from, long until, long now);
}
