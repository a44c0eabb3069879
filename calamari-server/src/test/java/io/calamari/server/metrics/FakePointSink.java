package io.calamari.server.metrics;

import io.calamari.tsdb.PointBatch;
import io.calamari.tsdb.PointSink;
import io.calamari.tsdb.SeriesNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory store: ids handed out in order of first use (names checked by {@link SeriesNames}),
 * every point recorded. {@link #block} makes writes wait until {@link #unblock}, as a full store does.
 * Thread-safe.
 */
final class FakePointSink implements PointSink {
    record Point(String name, long timestamp, double value) {}

    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<Point> points = new ArrayList<>();
    private final AtomicInteger blockedWrites = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public synchronized int seriesId(String name) {
        String normalized = SeriesNames.normalize(name);
        return ids.computeIfAbsent(normalized, key -> {
            names.add(key);
            return names.size() - 1;
        });
    }

    @Override
    public void write(PointBatch batch) throws InterruptedException {
        CountDownLatch current = gate;
        if (current.getCount() > 0) {
            blockedWrites.incrementAndGet();
            current.await();
        }
        synchronized (this) {
            for (int i = 0; i < batch.size(); i++) {
                points.add(new Point(names.get(batch.seriesId(i)), batch.timestamp(i), batch.value(i)));
            }
        }
    }

    void block() {
        gate = new CountDownLatch(1);
    }

    void unblock() {
        gate.countDown();
    }

    /** Writes that have found the sink blocked. */
    int blockedWrites() {
        return blockedWrites.get();
    }

    synchronized List<Point> points() {
        return List.copyOf(points);
    }

    synchronized int pointCount() {
        return points.size();
    }

    synchronized int seriesCount() {
        return names.size();
    }
}
