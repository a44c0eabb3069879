package io.calamari.server.event;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event timeline's writer: {@link #record} only queues, and one daemon thread stores what is
 * queued in batches, one transaction each, at least every {@code flushInterval} (200 ms by default),
 * so that an event detected more than a second before a crash is in the database. When the
 * database fails, the batch stays queued and is tried again. Events older than the retention are
 * deleted at start and every hour. After each batch stored, {@code onStored} runs (the live streams
 * wake up). Thread-safe.
 */
public final class EventLog implements EventSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventLog.class);
    private static final int BATCH = 1000;
    private static final Duration PRUNE_INTERVAL = Duration.ofHours(1);

    private final EventStore store;
    private final Duration flushInterval;
    private final Duration retention;
    private final Clock clock;
    private final Runnable onStored;
    private Instant nextPrune = Instant.MIN;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final List<Event> pending = new ArrayList<>();
    private final Thread writer;
    private volatile boolean closed;

    public EventLog(EventStore store, Duration flushInterval, Duration retention, Clock clock) {
        this(store, flushInterval, retention, clock, () -> {});
    }

    public EventLog(EventStore store, Duration flushInterval, Duration retention, Clock clock, Runnable onStored) {
        this.onStored = requireNonNull(onStored, "onStored");
        this.store = requireNonNull(store, "store");
        this.flushInterval = requireNonNull(flushInterval, "flushInterval");
        this.retention = requireNonNull(retention, "retention");
        this.clock = requireNonNull(clock, "clock");
        this.writer = new Thread(this::writeLoop, "event-writer");
        this.writer.setDaemon(true);
    }

    /** Starts writing; call once the database is migrated. Events recorded before wait in the queue. */
    public void start() {
        writer.start();
    }

    @Override
    public void record(Event event) {
        queue.add(requireNonNull(event, "event"));
    }

    private void writeLoop() {
        while (!closed) {
            try {
                Event first = queue.poll(flushInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    pending.add(first);
                }
                flushPending();
                pruneWhenDue();
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            } catch (Throwable t) {
                log.error("storing {} events failed, retrying: {}", pending.size(), t.toString());
                sleepQuietly(flushInterval);
            }
        }
        flushPending();
    }

    private void flushPending() {
        queue.drainTo(pending, BATCH - pending.size());
        while (!pending.isEmpty()) {
            store.insertAll(pending);
            pending.clear();
            onStored.run();
            queue.drainTo(pending, BATCH);
        }
    }

    /** Deletes the events older than the retention: at start, then every hour. */
    private void pruneWhenDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(PRUNE_INTERVAL);
        int deleted = store.deleteBefore(now.minus(retention));
        if (deleted > 0) {
            log.info("deleted {} events older than {} days", deleted, retention.toDays());
        }
    }

    /** Stores what is queued, then stops. */
    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!queue.isEmpty()) {
            log.warn("{} events were not stored before shutdown", queue.size());
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
