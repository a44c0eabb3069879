package io.calamari.server.event;

import static java.util.Objects.requireNonNull;

import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live event streams. A stream is read from the database, not from memory: it sends the stored
 * events after the last one its client saw, then sleeps until the {@link EventLog} has stored more.
 * So a stream shows exactly what {@code event} lists, with the same ids, a client resuming from an
 * id gets every event after it still within retention, and a slow client holds up nobody but
 * itself. Each stream runs on a thread of its own while open (see {@link #start}); at most
 * {@code maximumStreams} are open at once. Thread-safe.
 */
public final class EventStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventStream.class);
    private static final int BATCH = 500;

    /** The receiving end of one stream. Called from the stream's own thread only. */
    public interface Subscriber {
        /** Whether the client is still there. */
        boolean open();

        void send(StoredEvent event);

        /** Sends something harmless, so that a client that went away is noticed. */
        void heartbeat();
    }

    private final EventStore store;
    private final Duration heartbeatInterval;
    private final int maximumStreams;
    private final AtomicInteger openStreams = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "event-stream");
        thread.setDaemon(true);
        return thread;
    });
    private final Object lock = new Object();
    private long generation;
    private boolean closed;

    public EventStream(EventStore store, Duration heartbeatInterval, int maximumStreams) {
        this.store = requireNonNull(store, "store");
        this.heartbeatInterval = requireNonNull(heartbeatInterval, "heartbeatInterval");
        this.maximumStreams = maximumStreams;
    }

    /** Wakes the streams; the event log calls it after each batch it stored. */
    public void stored() {
        synchronized (lock) {
            generation++;
            lock.notifyAll();
        }
    }

    /** The id of the newest stored event: a new stream without a resume point starts after it. */
    public long latestId() {
        return store.latestId();
    }

    /**
     * Refuses a new stream before it opens when {@code maximumStreams} are open already.
     *
     * @throws CalamariException 503
     */
    public void requireCapacity() {
        if (openStreams.get() >= maximumStreams) {
            throw new CalamariException(
                    ErrorCode.SERVICE_UNAVAILABLE, "Too many event streams are open (" + maximumStreams + ")");
        }
    }

    /**
     * Sends {@code subscriber}, on a thread of the stream's own, every event matching {@code filter}
     * stored after {@code afterId}, in id order, as it is stored, until the subscriber is gone or
     * the server stops. When the subscriber is gone, runs {@code onEnd}; when the server stops, the
     * HTTP server closes the connections itself. Returns at once.
     */
    public void start(EventFilter filter, long afterId, Subscriber subscriber, Runnable onEnd) {
        if (openStreams.incrementAndGet() > maximumStreams || isClosed()) {
            openStreams.decrementAndGet();
            onEnd.run();
            return;
        }
        try {
            threads.execute(() -> {
                try {
                    follow(filter, afterId, subscriber);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.warn("an event stream failed: {}", e.toString());
                } finally {
                    openStreams.decrementAndGet();
                    if (!isClosed()) {
                        onEnd.run();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            openStreams.decrementAndGet();
            onEnd.run();
        }
    }

    private void follow(EventFilter filter, long afterId, Subscriber subscriber) throws InterruptedException {
        long last = afterId;
        while (subscriber.open() && !isClosed()) {
            long seen = currentGeneration();
            last = sendStored(filter, last, subscriber);
            if (!awaitNewer(seen) && subscriber.open()) {
                subscriber.heartbeat();
            }
        }
    }

    /**
     * Sends what was stored after {@code last}; returns the id to continue after. Events that do not
     * match the filter are stepped over once, not scanned again on every wake-up.
     */
    private long sendStored(EventFilter filter, long last, Subscriber subscriber) {
        long ceiling = store.latestId();
        long position = last;
        while (position < ceiling && subscriber.open()) {
            List<StoredEvent> batch = store.listBetween(filter, position, ceiling, BATCH);
            for (StoredEvent event : batch) {
                subscriber.send(event);
            }
            position =
                    batch.size() < BATCH ? ceiling : batch.get(batch.size() - 1).id();
        }
        return position;
    }

    private long currentGeneration() {
        synchronized (lock) {
            return generation;
        }
    }

    /** Waits until more events are stored (true) or the heartbeat interval passes (false). */
    private boolean awaitNewer(long seen) throws InterruptedException {
        long deadline = System.nanoTime() + heartbeatInterval.toNanos();
        synchronized (lock) {
            while (generation == seen && !closed) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, remaining / 1_000_000));
            }
            return true;
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Ends every stream (their clients see the connection close and reconnect elsewhere). */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        threads.shutdown();
    }
}
