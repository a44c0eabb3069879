package io.calamari.server.metrics;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.ClusterDf;
import io.calamari.ceph.model.Osd;
import io.calamari.ceph.model.PoolUsage;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.SnapshotListener;
import io.calamari.tsdb.PointBatch;
import io.calamari.tsdb.PointSink;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a cluster's figures into the metric store from its snapshots, at most once per {@link
 * #STEP_SECONDS} per cluster, so that every cluster has graphs without any agent. The names are
 * those of Calamari's Diamond Ceph collector and dashboard, under {@code ceph.cluster.<fsid>.}:
 *
 * <ul>
 *   <li>{@code df.total_bytes}, {@code df.total_used_bytes}, {@code df.total_avail_bytes};
 *   <li>{@code pool.<id>.} and {@code pool.all.}: {@code num_bytes}, {@code num_objects}, {@code
 *       bytes_used}, and as per-second rates of {@code df detail}'s counters {@code num_read},
 *       {@code num_write} (operations) and {@code num_read_kb}, {@code num_write_kb} (KiB); per
 *       pool also {@code percent_used} and {@code max_avail};
 *   <li>{@code pg.total} and {@code pg.states.<state>} ({@code +} written as {@code _});
 *   <li>{@code osd.total}, {@code osd.up}, {@code osd.in}; {@code mon.total}, {@code
 *       mon.in_quorum}; {@code health.status} (0 ok, 1 warn, 2 error).
 * </ul>
 *
 * Per-OSD commit and apply latency come from {@link OsdLatencySampler}.
 *
 * Restored (stale) snapshots and unreachable clusters write nothing. Thread-safe: monitors of
 * different clusters call it concurrently.
 */
public final class MetricSampler implements SnapshotListener {
    /** The sampling step, the finest tier of the default schema for {@code ceph.} series. */
    public static final int STEP_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(MetricSampler.class);

    private record Counters(long time, Map<Integer, PoolUsage> pools) {}

    private final PointSink sink;
    private final Clock clock;
    private final Map<String, Counters> previous = new ConcurrentHashMap<>();

    public MetricSampler(PointSink sink, Clock clock) {
        this.sink = requireNonNull(sink, "sink");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void published(Optional<ClusterSnapshot> previousSnapshot, ClusterSnapshot next) {
        if (!next.reachable() || next.restored()) {
            return;
        }
        long now = clock.millis() / 1000;
        long time = now - Math.floorMod(now, STEP_SECONDS);
        Counters last = previous.get(next.fsid());
        if (last != null && last.time() >= time) {
            return;
        }
        try {
            sample(next, time, last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Sampling cluster {} into the metric store failed: {}", next.fsid(), e.toString());
        }
    }

    private void sample(ClusterSnapshot snapshot, long time, @Nullable Counters last) throws InterruptedException {
        String prefix = "ceph.cluster." + snapshot.fsid() + ".";
        PointBatch batch = new PointBatch(128);
        snapshot.df().ifPresent(part -> {
            ClusterDf df = part.value();
            add(batch, prefix + "df.total_bytes", time, df.totalBytes());
            add(batch, prefix + "df.total_used_bytes", time, df.totalUsedBytes());
            add(batch, prefix + "df.total_avail_bytes", time, df.totalAvailableBytes());
            Map<Integer, PoolUsage> pools = new HashMap<>();
            double[] all = new double[7];
            for (PoolUsage pool : df.pools()) {
                pools.put(pool.id(), pool);
                String poolPrefix = prefix + "pool." + pool.id() + ".";
                double[] figures = poolFigures(pool, last, time);
                for (int i = 0; i < POOL_FIGURES.length; i++) {
                    if (!Double.isNaN(figures[i])) {
                        add(batch, poolPrefix + POOL_FIGURES[i], time, figures[i]);
                        all[i] += figures[i];
                    }
                }
                add(batch, poolPrefix + "percent_used", time, pool.percentUsed());
                add(batch, poolPrefix + "max_avail", time, pool.maxAvailable());
            }
            boolean rates = last != null;
            for (int i = 0; i < POOL_FIGURES.length; i++) {
                if (i < 3 || rates) {
                    add(batch, prefix + "pool.all." + POOL_FIGURES[i], time, all[i]);
                }
            }
            previous.put(snapshot.fsid(), new Counters(time, pools));
        });
        snapshot.pgSummary().ifPresent(part -> {
            add(batch, prefix + "pg.total", time, part.value().placementGroupCount());
            part.value()
                    .all()
                    .forEach(
                            (state, count) -> add(batch, prefix + "pg.states." + state.replace('+', '_'), time, count));
        });
        snapshot.osdMap().ifPresent(part -> {
            int up = 0;
            int in = 0;
            for (Osd osd : part.value().map().osds()) {
                up += osd.up() ? 1 : 0;
                in += osd.in() ? 1 : 0;
            }
            add(batch, prefix + "osd.total", time, part.value().map().osds().size());
            add(batch, prefix + "osd.up", time, up);
            add(batch, prefix + "osd.in", time, in);
        });
        snapshot.monMap()
                .ifPresent(part -> add(
                        batch, prefix + "mon.total", time, part.value().mons().size()));
        snapshot.quorum()
                .ifPresent(part -> add(
                        batch,
                        prefix + "mon.in_quorum",
                        time,
                        part.value().quorum().size()));
        snapshot.health()
                .ifPresent(part -> add(
                        batch,
                        prefix + "health.status",
                        time,
                        healthLevel(part.value().status())));
        if (snapshot.df().isEmpty()) {
            previous.putIfAbsent(snapshot.fsid(), new Counters(time, Map.of()));
        }
        sink.write(batch);
    }

    private static final String[] POOL_FIGURES = {
        "num_bytes", "num_objects", "bytes_used", "num_read", "num_write", "num_read_kb", "num_write_kb"
    };

    /** The pool's gauges, then its counters as rates since the last sample (NaN without one, or after a reset). */
    private static double[] poolFigures(PoolUsage pool, @Nullable Counters last, long time) {
        double[] figures = {
            pool.stored(), pool.objects(), pool.bytesUsed(), Double.NaN, Double.NaN, Double.NaN, Double.NaN
        };
        if (last == null) {
            return figures;
        }
        PoolUsage before = last.pools().get(pool.id());
        if (before != null && time > last.time()) {
            double seconds = time - last.time();
            figures[3] = rate(pool.readOps(), before.readOps(), seconds);
            figures[4] = rate(pool.writeOps(), before.writeOps(), seconds);
            figures[5] = rate(pool.readBytes(), before.readBytes(), seconds * 1024);
            figures[6] = rate(pool.writeBytes(), before.writeBytes(), seconds * 1024);
        }
        return figures;
    }

    private static double rate(long now, long before, double per) {
        return now < before ? Double.NaN : Math.round((now - before) / per * 100) / 100.0;
    }

    private static int healthLevel(String status) {
        return switch (status) {
            case "HEALTH_OK" -> 0;
            case "HEALTH_WARN" -> 1;
            default -> 2;
        };
    }

    private void add(PointBatch batch, String name, long time, double value) {
        batch.add(sink.seriesId(name), time, value);
    }
}
