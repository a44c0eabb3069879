package io.calamari.ceph.jna;

import io.calamari.ceph.rados.RadosException;
import io.calamari.ceph.rados.RadosTimeoutException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs blocking librados calls on a few daemon threads so that callers wait at most their timeout.
 *
 * <p>A native call cannot be interrupted: when a caller gives up, the call keeps its thread until librados returns.
 * The pool is therefore small and its queue bounded, so that hung calls cannot pile up threads; when both are full a
 * new call is refused at once with {@link RadosTimeoutException} ("busy"). Threads are named {@code rados-<label>-N}.
 *
 * <p>Thread-safety: all methods may be called from any thread.
 */
final class NativeCallExecutor {
    static final int THREADS = 2;
    static final int QUEUE_CAPACITY = 8;

    private final ThreadPoolExecutor pool;
    private final AtomicInteger threadNumber = new AtomicInteger();
    private volatile String label;

    NativeCallExecutor(String label) {
        this.label = label;
        this.pool = new ThreadPoolExecutor(
                THREADS,
                THREADS,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                this::newThread,
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** Names threads started from now on after {@code newLabel}, such as the cluster's fsid once it is known. */
    void relabel(String newLabel) {
        label = newLabel;
    }

    String label() {
        return label;
    }

    /**
     * Runs {@code call} on a pool thread and waits at most {@code timeout} for it.
     *
     * @param what the operation, for messages, such as {@code mon command {"prefix":"status"}}
     * @throws RadosTimeoutException when {@code timeout} passes (the call goes on in the background) or the pool is
     *     full
     * @throws RadosException when the executor is shut down, the caller is interrupted, or the call throws one
     */
    <T> T call(String what, Callable<T> call, Duration timeout) {
        Future<T> future;
        try {
            future = pool.submit(call);
        } catch (RejectedExecutionException e) {
            if (pool.isShutdown()) {
                throw new RadosException(what + ": the client is closed", 0, "");
            }
            throw new RadosTimeoutException(
                    what + ": librados client busy (" + THREADS + " calls running and " + QUEUE_CAPACITY
                            + " waiting, probably hung on an unreachable cluster)",
                    0,
                    "");
        }
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(future);
            throw new RadosTimeoutException(what + " timed out after " + timeout.toMillis() + " ms", 0, "");
        } catch (InterruptedException e) {
            abandon(future);
            Thread.currentThread().interrupt();
            throw new RadosException(what + ": interrupted while waiting for librados", 0, "");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new RadosException(what + " failed: " + cause, 0, "", e);
        }
    }

    /** Returns how many calls wait for a thread. */
    int queuedCalls() {
        return pool.getQueue().size();
    }

    /**
     * Refuses new calls, drops queued ones and waits up to {@code grace} for running ones.
     *
     * @return true when no call is running any more, so the librados handle may be shut down
     */
    boolean shutdown(Duration grace) {
        pool.shutdownNow();
        try {
            return pool.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return pool.isTerminated();
        }
    }

    /** Cancels a call nobody waits for: a queued one never runs and frees its queue slot at once. */
    private void abandon(Future<?> future) {
        future.cancel(true);
        pool.purge();
    }

    private Thread newThread(Runnable task) {
        Thread thread = new Thread(task, "rados-" + label + "-" + threadNumber.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
