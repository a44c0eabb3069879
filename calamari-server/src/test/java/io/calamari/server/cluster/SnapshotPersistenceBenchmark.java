package io.calamari.server.cluster;

import io.calamari.ceph.model.CrushBucket;
import io.calamari.ceph.model.CrushDevice;
import io.calamari.ceph.model.CrushItem;
import io.calamari.ceph.model.CrushMap;
import io.calamari.ceph.model.Osd;
import io.calamari.ceph.model.OsdMap;
import io.calamari.ceph.model.OsdMetadata;
import io.calamari.ceph.model.OsdTree;
import io.calamari.ceph.model.OsdTreeNode;
import io.calamari.ceph.model.PgSummary;
import io.calamari.ceph.parse.Fixtures;
import io.calamari.protocol.Json;
import io.calamari.server.db.Database;
import io.calamari.server.db.DatabaseConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * Times storing a whole snapshot (encoding every part as compressed JSON and writing it in one
 * SQLite transaction), a routine write (a later poll's status, health and PG summary, the OSD map
 * unchanged) and loading it back (reading, decoding, rebuilding the OSD map's indexes), for the
 * recorded clusters and for the degraded one grown to many OSDs (10 per host). Run by
 * {@code bench/snapshot-persist.sh}; prints a table. Not a test: speed is measured, not asserted.
 */
public final class SnapshotPersistenceBenchmark {
    private static final int OSDS_PER_HOST = 10;

    private SnapshotPersistenceBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int osds = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        SnapshotCodec codec = new SnapshotCodec(Json.newMapper());
        System.out.printf(
                "%-28s %6s %9s %9s %9s %11s %12s %13s%n",
                "cluster", "OSDs", "write ms", "routine", "load ms", "stored KiB", "OSD map KiB", "its JSON KiB");
        try (Database database = Database.open(
                DatabaseConfig.sqliteIn(Files.createTempDirectory("calamari-snapshot-bench")),
                new SimpleMeterRegistry())) {
            database.migrate();
            SnapshotStore store = new SnapshotStore(database.jdbi());
            measure("recorded " + Fixtures.HEALTHY, FixtureSnapshots.healthy(), store, codec, rounds);
            measure("recorded " + Fixtures.DEGRADED, FixtureSnapshots.degraded(), store, codec, rounds);
            measure("degraded grown", grown(FixtureSnapshots.degraded(), osds), store, codec, rounds);
        }
    }

    private static void measure(
            String name, ClusterSnapshot snapshot, SnapshotStore store, SnapshotCodec codec, int rounds)
            throws IOException {
        long[] writeMicros = new long[rounds];
        long[] routineMicros = new long[rounds];
        long[] loadMicros = new long[rounds];
        SnapshotWriter.Write last = null;
        ClusterSnapshot later = polledAgain(snapshot);
        for (int round = 0; round < rounds; round++) {
            SnapshotWriter writer = new SnapshotWriter(store, codec, Duration.ofHours(1), Clock.systemUTC());
            writer.published(Optional.empty(), snapshot);
            last = writer.writePending().get(0);
            writeMicros[round] = last.took().toNanos() / 1000;
            writer.published(Optional.empty(), later);
            routineMicros[round] = writer.writePending().get(0).took().toNanos() / 1000;
            writer.published(Optional.empty(), snapshot);
            writer.writePending();
            long started = System.nanoTime();
            ClusterSnapshot loaded =
                    codec.decode(store.load(snapshot.fsid()).orElseThrow()).orElseThrow();
            loadMicros[round] = (System.nanoTime() - started) / 1000;
            if (!loaded.equals(snapshot)) {
                throw new IllegalStateException("the snapshot of " + name + " did not read back equal");
            }
        }
        Arrays.sort(writeMicros);
        Arrays.sort(routineMicros);
        Arrays.sort(loadMicros);
        SnapshotStore.StoredPart osdMap =
                store.load(snapshot.fsid()).orElseThrow().parts().get(SnapshotCodec.OSD_MAP);
        long json;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(osdMap.body()))) {
            json = in.readAllBytes().length;
        }
        System.out.printf(
                "%-28s %6d %9.1f %9.1f %9.1f %11.1f %12.1f %13.1f%n",
                name,
                snapshot.osdMap().orElseThrow().value().map().osds().size(),
                writeMicros[rounds / 2] / 1000.0,
                routineMicros[rounds / 2] / 1000.0,
                loadMicros[rounds / 2] / 1000.0,
                last.bytes() / 1024.0,
                osdMap.size() / 1024.0,
                json / 1024.0);
    }

    /** The snapshot as a poll 5 s later makes it when the PG states and health moved, not the OSD map. */
    private static ClusterSnapshot polledAgain(ClusterSnapshot snapshot) {
        Instant later = FixtureSnapshots.FETCHED.plusSeconds(5);
        return FixtureSnapshots.edit(snapshot)
                .updateTime(later)
                .status(snapshot.status().map(part -> new Part<>(part.value(), part.version(), later)))
                .health(snapshot.health().map(part -> new Part<>(part.value(), part.version() + 1, later)))
                .pgSummary(snapshot.pgSummary().map(part -> new Part<>(part.value(), part.version() + 1, later)))
                .build();
    }

    /**
     * The snapshot with {@code count} OSDs copied from its first one, 10 per host, in the OSD map,
     * tree, CRUSH map (under the root {@code default}), metadata and PG summary. Other parts as
     * recorded.
     */
    static ClusterSnapshot grown(ClusterSnapshot snapshot, int count) {
        OsdMapPart part = snapshot.osdMap().orElseThrow().value();
        Osd first = part.map().osds().get(0);
        Map<String, String> firstMetadata =
                part.metadata(first.id()).orElseThrow().fields();
        int hosts = (count + OSDS_PER_HOST - 1) / OSDS_PER_HOST;
        List<Osd> osds = new ArrayList<>();
        List<OsdMetadata> metadata = new ArrayList<>();
        List<CrushDevice> devices = new ArrayList<>();
        List<OsdTreeNode> nodes = new ArrayList<>();
        List<CrushBucket> buckets = new ArrayList<>();
        Map<Integer, Map<String, Long>> placementGroupsByOsd = new HashMap<>();
        nodes.add(new OsdTreeNode(
                -1,
                "default",
                "root",
                10,
                IntStream.range(0, hosts).map(host -> -100 - host).boxed().toList(),
                count,
                0,
                "",
                ""));
        buckets.add(new CrushBucket(
                -1,
                "default",
                10,
                "root",
                count,
                "straw2",
                "rjenkins1",
                IntStream.range(0, hosts)
                        .mapToObj(host -> new CrushItem(-100 - host, OSDS_PER_HOST, host))
                        .toList()));
        for (int host = 0; host < hosts; host++) {
            String hostname = "node" + host;
            List<Integer> members = IntStream.range(host * OSDS_PER_HOST, Math.min(count, (host + 1) * OSDS_PER_HOST))
                    .boxed()
                    .toList();
            nodes.add(new OsdTreeNode(-100 - host, hostname, "host", 1, members, members.size(), 0, "", ""));
            buckets.add(new CrushBucket(
                    -100 - host,
                    hostname,
                    1,
                    "host",
                    members.size(),
                    "straw2",
                    "rjenkins1",
                    members.stream()
                            .map(id -> new CrushItem(id, 1.0, id % OSDS_PER_HOST))
                            .toList()));
            for (int id : members) {
                String address = "10.0." + (host % 250) + "." + (id % 250) + ":" + (6800 + id % 100) + "/" + id;
                osds.add(new Osd(
                        id,
                        new java.util.UUID(host, id).toString(),
                        first.up(),
                        first.in(),
                        first.weight(),
                        first.primaryAffinity(),
                        address,
                        address,
                        address,
                        address,
                        first.upFrom(),
                        first.upThrough(),
                        first.downAt(),
                        first.lostAt(),
                        first.state()));
                Map<String, String> fields = new HashMap<>(firstMetadata);
                fields.put("hostname", hostname);
                fields.put("id", Integer.toString(id));
                metadata.add(new OsdMetadata(id, fields));
                devices.add(new CrushDevice(id, "osd." + id, "hdd"));
                nodes.add(new OsdTreeNode(id, "osd." + id, "osd", 0, List.of(), 1.0, 1.0, "up", "hdd"));
                placementGroupsByOsd.put(id, Map.of("active+clean", 100L + id % 7));
            }
        }
        OsdMap map = new OsdMap(
                part.map().epoch(),
                part.map().fsid(),
                part.map().flags(),
                osds,
                part.map().pools());
        CrushMap crush = new CrushMap(
                devices, part.crush().types(), buckets, part.crush().rules());
        OsdMapPart grown = OsdMapPart.of(map, new OsdTree(nodes, List.of()), crush, metadata, part.compiledCrush());
        PgSummary pgs = snapshot.pgSummary().orElseThrow().value();
        return FixtureSnapshots.edit(snapshot)
                .osdMap(Optional.of(new Part<>(grown, map.epoch(), FixtureSnapshots.FETCHED)))
                .pgSummary(Optional.of(new Part<>(
                        new PgSummary(placementGroupsByOsd, pgs.byPool(), pgs.all(), pgs.digest()),
                        1,
                        FixtureSnapshots.FETCHED)))
                .build();
    }
}
