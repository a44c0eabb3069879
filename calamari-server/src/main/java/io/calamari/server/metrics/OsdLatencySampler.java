package io.calamari.server.metrics;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.command.CephCommand;
import io.calamari.ceph.command.CephCommands;
import io.calamari.ceph.model.OsdLatency;
import io.calamari.ceph.rados.CommandResult;
import io.calamari.server.cluster.ClusterCommands;
import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.tsdb.PointBatch;
import io.calamari.tsdb.PointSink;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@link MetricSampler#STEP_SECONDS}, asks each reachable cluster's manager for {@code osd
 * perf} and writes {@code ceph.cluster.<fsid>.osd.<id>.commit_latency_ms} and {@code
 * apply_latency_ms}. The monitor does not poll this command (nothing in the API needs it), so the
 * sampler sends it itself, on its own daemon thread {@code osd-latency-sampler}. A cluster that
 * does not answer is skipped until the next round. Thread-safe.
 */
public final class OsdLatencySampler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OsdLatencySampler.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ClusterDirectory clusters;
    private final PointSink sink;
    private final Clock clock;
    private final AtomicBoolean started = new AtomicBoolean();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread named = new Thread(runnable, "osd-latency-sampler");
        named.setDaemon(true);
        return named;
    });

    public OsdLatencySampler(ClusterDirectory clusters, PointSink sink, Clock clock) {
        this.clusters = requireNonNull(clusters, "clusters");
        this.sink = requireNonNull(sink, "sink");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Starts the rounds; later calls do nothing. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        thread.scheduleAtFixedRate(
                this::sampleQuietly, MetricSampler.STEP_SECONDS, MetricSampler.STEP_SECONDS, TimeUnit.SECONDS);
    }

    private void sampleQuietly() {
        try {
            sampleOnce();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            log.warn("Sampling OSD latencies failed: {}", e.toString());
        }
    }

    /** One round over every cluster; returns the points written. */
    public int sampleOnce() throws InterruptedException {
        long now = clock.millis() / 1000;
        long time = now - Math.floorMod(now, MetricSampler.STEP_SECONDS);
        PointBatch batch = new PointBatch(256);
        for (ClusterSnapshot cluster : clusters.clusters()) {
            if (!cluster.reachable() || cluster.restored()) {
                continue;
            }
            Optional<ClusterCommands> commands = clusters.commands(cluster.fsid());
            if (commands.isEmpty()) {
                continue;
            }
            String prefix = "ceph.cluster." + cluster.fsid() + ".osd.";
            for (OsdLatency latency : latencies(cluster.fsid(), commands.get())) {
                batch.add(
                        sink.seriesId(prefix + latency.osd() + ".commit_latency_ms"), time, latency.commitLatencyMs());
                batch.add(sink.seriesId(prefix + latency.osd() + ".apply_latency_ms"), time, latency.applyLatencyMs());
            }
        }
        int points = batch.size();
        sink.write(batch);
        return points;
    }

    private static List<OsdLatency> latencies(String fsid, ClusterCommands commands) {
        CephCommand<List<OsdLatency>> command = CephCommands.osdPerf();
        try {
            CommandResult result = commands.send(command.target(), command.arguments(), new byte[0], TIMEOUT);
            if (!result.succeeded()) {
                log.debug("cluster {} refused osd perf: {}", fsid, result.status());
                return List.of();
            }
            return command.parser().apply(result.output());
        } catch (RuntimeException e) {
            log.debug("cluster {} did not answer osd perf: {}", fsid, e.toString());
            return List.of();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
