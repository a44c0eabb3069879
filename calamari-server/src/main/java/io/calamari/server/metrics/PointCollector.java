package io.calamari.server.metrics;

import io.calamari.protocol.graphite.GraphiteHandler;
import io.calamari.protocol.graphite.Rejection;
import io.calamari.tsdb.PointBatch;
import io.calamari.tsdb.PointSink;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns decoded points into a {@link PointBatch} for the {@link PointSink}, the way carbon's {@code
 * metricReceived} treats them: NaN values are dropped (counted, not logged), timestamp -1 means now, timestamps are
 * truncated to whole seconds. Names go through a {@link SeriesIdCache}; a new name is decoded as
 * strict UTF-8 (invalid bytes: skipped and counted, where carbon would drop the connection) and
 * given to {@link PointSink#seriesId}, whose refusal skips it. The batch is written when full and
 * at {@link #flush}; the write blocks while the store is full, and so does the reading thread.
 * Skipped input is logged at most once per interval with the peer and the line cut to 400
 * characters. Not thread-safe: one per reading thread.
 */
final class PointCollector implements GraphiteHandler {
    private static final Logger log = LoggerFactory.getLogger(PointCollector.class);
    private static final int LOGGED_LINE_LENGTH = 400;

    private final PointSink sink;
    private final CarbonCounters counters;
    private final Clock clock;
    private final SeriesIdCache names;
    private final PointBatch batch;
    private final int batchSize;
    private final long logIntervalNanos;
    private long lastLogNanos;
    private long unloggedSkips;
    private String peer = "";
    private boolean interrupted;

    PointCollector(
            PointSink sink,
            CarbonCounters counters,
            Clock clock,
            int batchSize,
            int cacheEntries,
            long logIntervalNanos) {
        this.sink = sink;
        this.counters = counters;
        this.clock = clock;
        this.batchSize = batchSize;
        this.names = new SeriesIdCache(cacheEntries);
        this.batch = new PointBatch(batchSize);
        this.logIntervalNanos = logIntervalNanos;
        this.lastLogNanos = System.nanoTime() - logIntervalNanos;
    }

    /** The peer whose bytes are decoded next, for the log. */
    void peer(String name) {
        peer = name;
    }

    @Override
    public void point(byte[] name, int nameOffset, int nameLength, double value, double timestamp) {
        if (Double.isNaN(value)) {
            counters.invalid(CarbonCounters.NAN); // counted, not logged: carbon drops NaN silently
            return;
        }
        int hash = SeriesIdCache.hash(name, nameOffset, nameLength);
        int id = names.get(name, nameOffset, nameLength, hash);
        if (id == SeriesIdCache.MISSING) {
            id = resolve(name, nameOffset, nameLength);
            names.put(name, nameOffset, nameLength, hash, id);
        }
        if (id < 0) {
            skipped(id == Refusal.UTF8 ? CarbonCounters.UTF8 : CarbonCounters.NAME, name, nameOffset, nameLength);
            return;
        }
        if (!Double.isFinite(timestamp)) {
            skipped(CarbonCounters.TIMESTAMP, name, nameOffset, nameLength);
            return;
        }
        long seconds = (long) timestamp; // Python's int(): toward zero
        batch.add(id, seconds == -1 ? Math.floorDiv(clock.millis(), 1000) : seconds, value);
        if (batch.size() >= batchSize) {
            flush();
        }
    }

    @Override
    public void rejected(Rejection reason, byte[] data, int offset, int length) {
        skipped(reason.tag(), data, offset, length);
    }

    /**
     * Writes what is batched; blocks while the store is full. Returns false if the thread was
     * interrupted (the listener is closing), in which case the batch is dropped.
     */
    boolean flush() {
        if (batch.isEmpty() || interrupted) {
            return !interrupted;
        }
        int count = batch.size();
        try {
            sink.write(batch);
            counters.points(count);
        } catch (InterruptedException e) {
            interrupted = true;
            Thread.currentThread().interrupt();
        } finally {
            batch.clear();
        }
        return !interrupted;
    }

    int cachedNames() {
        return names.size();
    }

    private int resolve(byte[] name, int offset, int length) {
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(name, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return Refusal.UTF8;
        }
        try {
            return sink.seriesId(decoded);
        } catch (IllegalArgumentException e) {
            return Refusal.NAME;
        }
    }

    private void skipped(String reason, byte[] data, int offset, int length) {
        counters.invalid(reason);
        long now = System.nanoTime();
        if (now - lastLogNanos < logIntervalNanos) {
            unloggedSkips++;
            return;
        }
        String text = new String(data, offset, Math.min(length, 4 * LOGGED_LINE_LENGTH), StandardCharsets.UTF_8);
        if (text.length() > LOGGED_LINE_LENGTH) {
            text = text.substring(0, LOGGED_LINE_LENGTH);
        }
        log.warn(
                "invalid line received from client {} ({}), ignoring [{}]; {} more skipped since the last such message",
                peer,
                reason,
                text,
                unloggedSkips);
        lastLogNanos = now;
        unloggedSkips = 0;
    }

    /** Negative ids cached for names the store will not take. */
    private static final class Refusal {
        static final int NAME = -1;
        static final int UTF8 = -2;
    }
}
