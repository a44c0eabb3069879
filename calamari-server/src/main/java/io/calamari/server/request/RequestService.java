package io.calamari.server.request;

import static java.util.Objects.requireNonNull;

import io.calamari.server.cluster.ClusterCommands;
import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.event.Event;
import io.calamari.server.event.EventSink;
import io.calamari.server.event.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs management requests: stores each one before it is acknowledged, sends its commands on a
 * small pool of threads, then lets a checker thread complete it once the cluster's snapshot shows
 * the change, fail it when its time is up, and, after a restart, take up the requests the previous
 * process left unfinished. Every state change is stored before it becomes visible. Thread-safe.
 */
public final class RequestService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RequestService.class);
    private static final int SENDER_THREADS = 4;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    private static final Duration PLACEMENT_GROUP_REFRESH = Duration.ofSeconds(1);

    private final RequestStore store;
    private final ClusterDirectory clusters;
    private final Clock clock;
    private final RequestSettings settings;
    private final RequestExecution execution;
    private final EventSink events;
    private final Map<String, UserRequest> active = new ConcurrentHashMap<>();
    private final Set<String> interrupted = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> placementGroupsAsked = new ConcurrentHashMap<>();
    private final ExecutorService senders;
    private final ScheduledExecutorService checker;
    private final Object transitions = new Object();
    private volatile Instant startedAt = Instant.MIN;
    private volatile boolean closed;

    public RequestService(
            RequestStore store, ClusterDirectory clusters, Clock clock, RequestSettings settings, EventSink events) {
        this.store = requireNonNull(store, "store");
        this.clusters = requireNonNull(clusters, "clusters");
        this.clock = requireNonNull(clock, "clock");
        this.settings = requireNonNull(settings, "settings");
        this.events = requireNonNull(events, "events");
        this.execution = new RequestExecution(this, settings.commandTimeout());
        this.senders = Executors.newFixedThreadPool(SENDER_THREADS, daemon("request-sender"));
        this.checker = Executors.newSingleThreadScheduledExecutor(daemon("request-checker"));
    }

    /** Takes up the requests left unfinished by the previous process, then starts checking. */
    public void start() {
        startedAt = clock.instant();
        for (UserRequest request : store.unfinished()) {
            active.put(request.id(), request);
            switch (request.progress().phase()) {
                case QUEUED -> senders.execute(() -> execution.send(request.id()));
                case SENDING -> {
                    interrupted.add(request.id());
                    log.info("request {} was interrupted while sending commands; checking the cluster", request.id());
                }
                case WAITING, DONE -> log.info("request {} resumes waiting: {}", request.id(), request.status());
            }
        }
        long interval = settings.checkInterval().toMillis();
        checker.scheduleWithFixedDelay(this::checkQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Stores a validated plan as a new request and starts it; the caller answers 202 with its id.
     *
     * @throws CalamariException 503 when the cluster cannot take commands
     */
    public UserRequest submit(String fsid, RequestPlan plan, Optional<String> requestedBy) {
        if (clusters.commands(fsid).isEmpty()) {
            throw new CalamariException(
                    ErrorCode.SERVICE_UNAVAILABLE, "Ceph cluster is currently unavailable for commands");
        }
        UserRequest request =
                UserRequest.accepted(UUID.randomUUID().toString(), fsid, plan, clock.instant(), requestedBy);
        synchronized (transitions) {
            store.insert(request);
            active.put(request.id(), request);
        }
        log.info("request {} accepted: {}", request.id(), request.headline());
        events.record(Event.cluster(request.requestedAt(), Severity.INFO, "Started: " + request.headline(), fsid));
        senders.execute(() -> execution.send(request.id()));
        return request;
    }

    public Optional<UserRequest> get(String id) {
        UserRequest running = active.get(id);
        return running != null ? Optional.of(running) : store.find(id);
    }

    public List<UserRequest> list(RequestStore.Filter filter, long offset, int limit) {
        return store.list(filter, offset, limit);
    }

    public long count(RequestStore.Filter filter) {
        return store.count(filter);
    }

    /**
     * Cancels a request: it is complete at once, with the error "Cancelled"; commands not sent yet
     * are never sent (one already on its way to Ceph cannot be called back). Cancelling a complete
     * request changes nothing. Empty when the id is unknown.
     */
    public Optional<UserRequest> cancel(String id) {
        Optional<UserRequest> cancelled = transition(id, request -> request.failed("Cancelled", clock.instant()));
        return cancelled.isPresent() ? cancelled : store.find(id);
    }

    /** The channel for a request's cluster, if the cluster is still there. */
    Optional<ClusterCommands> commands(String fsid) {
        return clusters.commands(fsid);
    }

    /** The request as it stands while not complete; empty too once the service is closed. */
    Optional<UserRequest> running(String id) {
        return closed ? Optional.empty() : Optional.ofNullable(active.get(id));
    }

    /**
     * Applies a change to a request that is not complete yet, stores it, then publishes it; returns
     * the changed request, or empty when it was already complete (cancelled, timed out...).
     */
    Optional<UserRequest> transition(String id, UnaryOperator<UserRequest> change) {
        UserRequest next;
        synchronized (transitions) {
            UserRequest current = active.get(id);
            if (closed || current == null || current.isComplete()) {
                return Optional.empty();
            }
            next = change.apply(current);
            store.update(next);
            if (next.isComplete()) {
                active.remove(id);
                interrupted.remove(id);
            } else {
                active.put(id, next);
            }
        }
        if (next.isComplete()) {
            events.record(
                    next.error()
                            ? Event.cluster(
                                    next.completedAt().orElseThrow(),
                                    Severity.WARNING,
                                    "Failed: " + next.headline() + " (" + next.errorMessage() + ")",
                                    next.fsid())
                            : Event.cluster(
                                    next.completedAt().orElseThrow(),
                                    Severity.INFO,
                                    "Succeeded: " + next.headline(),
                                    next.fsid()));
            log.info(
                    "request {} complete{}: {}",
                    id,
                    next.error() ? " with error '" + next.errorMessage() + "'" : "",
                    next.headline());
        }
        return Optional.of(next);
    }

    Instant now() {
        return clock.instant();
    }

    private void checkQuietly() {
        try {
            check();
        } catch (Throwable t) {
            log.error("checking requests failed unexpectedly", t);
        }
    }

    /** One round of the checker: time-outs, waiting requests, interrupted requests. */
    void check() {
        Instant now = clock.instant();
        for (UserRequest request : List.copyOf(active.values())) {
            if (now.isAfter(request.requestedAt().plus(settings.requestTimeout()))) {
                String message =
                        "Timed out after " + settings.requestTimeout().toSeconds() + " s (" + request.status() + ")";
                transition(request.id(), current -> current.failed(message, now));
            } else if (interrupted.contains(request.id())) {
                apply(request, CompletionCheck.interrupted(request, observed(request.fsid()), startedAt));
            } else if (request.progress().phase() == Progress.Phase.WAITING) {
                CompletionCheck.Verdict verdict = CompletionCheck.waiting(request, observed(request.fsid()));
                apply(request, verdict);
                if (verdict instanceof CompletionCheck.Verdict.Waiting && waitsForPlacementGroups(request)) {
                    askForPlacementGroups(request.fsid(), now);
                }
            }
        }
    }

    /**
     * The cluster's snapshot, unless it is one restored from the database at start: requests are
     * decided only on what the cluster answered this process.
     */
    private Optional<ClusterSnapshot> observed(String fsid) {
        return clusters.cluster(fsid).filter(snapshot -> !snapshot.restored());
    }

    private static boolean waitsForPlacementGroups(UserRequest request) {
        Completion completion = request.plan().completion();
        return completion instanceof Completion.PoolCreated || completion instanceof Completion.PoolPlacementGroups;
    }

    /** A fresh PG summary for a request waiting on PGs, instead of the monitor's slower routine one. */
    private void askForPlacementGroups(String fsid, Instant now) {
        Instant last = placementGroupsAsked.get(fsid);
        if (last == null || !now.isBefore(last.plus(PLACEMENT_GROUP_REFRESH))) {
            placementGroupsAsked.put(fsid, now);
            clusters.commands(fsid).ifPresent(ClusterCommands::refreshPlacementGroupsNow);
        }
    }

    void apply(UserRequest request, CompletionCheck.Verdict verdict) {
        Instant now = clock.instant();
        if (verdict instanceof CompletionCheck.Verdict.Complete) {
            transition(request.id(), current -> current.succeeded(now));
        } else if (verdict instanceof CompletionCheck.Verdict.Failed failed) {
            transition(request.id(), current -> current.failed(failed.message(), now));
        } else if (verdict instanceof CompletionCheck.Verdict.Waiting waiting
                && !waiting.status().equals(request.status())) {
            transition(request.id(), current -> current.withProgress(current.progress(), waiting.status()));
        }
    }

    /**
     * Stops: nothing more is sent or stored (a command already on its way to Ceph cannot be called
     * back; the next start re-checks its request against the cluster).
     */
    @Override
    public void close() {
        closed = true;
        checker.shutdownNow();
        senders.shutdownNow();
        try {
            senders.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
