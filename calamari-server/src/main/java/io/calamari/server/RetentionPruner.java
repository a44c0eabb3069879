package io.calamari.server;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what is older than its retention from the audit log and the finished requests, at start
 * and then every hour, on a daemon thread of its own. (Events are pruned by their own writer.) A
 * failed deletion is logged and tried again at the next round. Thread-safe.
 */
final class RetentionPruner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RetentionPruner.class);
    private static final Duration INTERVAL = Duration.ofHours(1);

    /** One kind of record: what it is called in the log, how long it is kept, how to delete older ones. */
    record Target(String what, Duration retention, ToIntFunction<Instant> deleteBefore) {
        Target {
            requireNonNull(what, "what");
            requireNonNull(retention, "retention");
            requireNonNull(deleteBefore, "deleteBefore");
        }
    }

    private final List<Target> targets;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "retention-pruner");
        thread.setDaemon(true);
        return thread;
    });

    RetentionPruner(List<Target> targets, Clock clock) {
        this.targets = List.copyOf(targets);
        this.clock = requireNonNull(clock, "clock");
    }

    void start() {
        executor.scheduleWithFixedDelay(this::pruneNow, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: for each target, deletes what is older than its retention. */
    void pruneNow() {
        Instant now = clock.instant();
        for (Target target : targets) {
            try {
                int deleted = target.deleteBefore().applyAsInt(now.minus(target.retention()));
                if (deleted > 0) {
                    log.info(
                            "deleted {} {} older than {} days",
                            deleted,
                            target.what(),
                            target.retention().toDays());
                }
            } catch (RuntimeException e) {
                log.warn("deleting old {} failed, trying again in an hour: {}", target.what(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
