package io.calamari.server.cluster;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.ClusterDf;
import io.calamari.ceph.model.ClusterStatus;
import io.calamari.ceph.model.CrushMap;
import io.calamari.ceph.model.FsMap;
import io.calamari.ceph.model.HealthReport;
import io.calamari.ceph.model.MonMap;
import io.calamari.ceph.model.OsdMap;
import io.calamari.ceph.model.OsdMetadata;
import io.calamari.ceph.model.OsdTree;
import io.calamari.ceph.model.PgSummary;
import io.calamari.ceph.model.QuorumStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a snapshot is stored: one row per part, each part's value as gzip-compressed JSON of the
 * model records (Jackson, the records' own component names), with the part's version and fetch
 * time beside it. The OSD map part is stored without the indexes derived from it, which {@link
 * OsdMapPart#of} rebuilds on load. A part that can no longer be read (a model record changed
 * shape) is left out of the loaded snapshot; a snapshot of another {@link #FORMAT} is not loaded
 * at all. Thread-safe.
 */
public final class SnapshotCodec {
    /** The stored shape; raise it when a change to the model records makes stored parts unreadable. */
    public static final int FORMAT = 1;

    static final String STATUS = "status";
    static final String OSD_MAP = "osd_map";
    static final String MON_MAP = "mon_map";
    static final String QUORUM = "quorum";
    static final String FS_MAP = "fs_map";
    static final String HEALTH = "health";
    static final String CONFIG = "config";
    static final String DF = "df";
    static final String PG_SUMMARY = "pg_summary";

    private static final Logger log = LoggerFactory.getLogger(SnapshotCodec.class);
    private static final int BUFFER = 64 * 1024;

    private final JsonMapper mapper;

    public SnapshotCodec(JsonMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper");
    }

    /** Every part of the snapshot by the name it is stored under, in a fixed order; empty when not fetched. */
    static Map<String, Optional<? extends Part<?>>> parts(ClusterSnapshot snapshot) {
        Map<String, Optional<? extends Part<?>>> parts = new LinkedHashMap<>();
        parts.put(STATUS, snapshot.status());
        parts.put(OSD_MAP, snapshot.osdMap());
        parts.put(MON_MAP, snapshot.monMap());
        parts.put(QUORUM, snapshot.quorum());
        parts.put(FS_MAP, snapshot.fsMap());
        parts.put(HEALTH, snapshot.health());
        parts.put(CONFIG, snapshot.config());
        parts.put(DF, snapshot.df());
        parts.put(PG_SUMMARY, snapshot.pgSummary());
        return parts;
    }

    /** A part as it is stored. */
    public SnapshotStore.StoredPart encode(String name, Part<?> part) {
        Object value = part.value() instanceof OsdMapPart osdMap ? StoredOsdMap.of(osdMap) : part.value();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(BUFFER);
        try (OutputStream gzip = new GZIPOutputStream(bytes, BUFFER)) {
            mapper.writeValue(gzip, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SnapshotStore.StoredPart(name, part.version(), part.fetchedAt(), bytes.toByteArray());
    }

    /**
     * The snapshot as it was when stored: reachable, without error, not marked restored (see {@link
     * ClusterSnapshot#asRestored}). Empty when it was stored in another format.
     */
    public Optional<ClusterSnapshot> decode(SnapshotStore.StoredSnapshot stored) {
        if (stored.format() != FORMAT) {
            log.info(
                    "the stored snapshot of cluster {} has format {}, not {}; not restoring it",
                    stored.fsid(),
                    stored.format(),
                    FORMAT);
            return Optional.empty();
        }
        return Optional.of(new ClusterSnapshot(
                stored.fsid(),
                stored.name(),
                stored.updateTime(),
                true,
                Optional.empty(),
                false,
                part(stored, STATUS, new TypeReference<ClusterStatus>() {}),
                part(stored, OSD_MAP, new TypeReference<StoredOsdMap>() {})
                        .map(part -> new Part<>(part.value().toPart(), part.version(), part.fetchedAt())),
                part(stored, MON_MAP, new TypeReference<MonMap>() {}),
                part(stored, QUORUM, new TypeReference<QuorumStatus>() {}),
                part(stored, FS_MAP, new TypeReference<FsMap>() {}),
                part(stored, HEALTH, new TypeReference<HealthReport>() {}),
                part(stored, CONFIG, new TypeReference<Map<String, String>>() {}),
                part(stored, DF, new TypeReference<ClusterDf>() {}),
                part(stored, PG_SUMMARY, new TypeReference<PgSummary>() {})));
    }

    private <T> Optional<Part<T>> part(SnapshotStore.StoredSnapshot stored, String name, TypeReference<T> type) {
        SnapshotStore.StoredPart part = stored.parts().get(name);
        if (part == null) {
            return Optional.empty();
        }
        try (InputStream json = new GZIPInputStream(new ByteArrayInputStream(part.body()), BUFFER)) {
            return Optional.of(new Part<>(mapper.readValue(json, type), part.version(), part.fetchedAt()));
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "the stored part '{}' of cluster {} cannot be read, leaving it out: {}",
                    name,
                    stored.fsid(),
                    e.toString());
            return Optional.empty();
        }
    }

    /** The OSD map part without its derived indexes. */
    record StoredOsdMap(
            OsdMap map,
            OsdTree tree,
            CrushMap crush,
            List<OsdMetadata> metadata,
            Optional<CompiledCrushMap> compiledCrush) {
        StoredOsdMap {
            requireNonNull(map, "map");
            requireNonNull(tree, "tree");
            requireNonNull(crush, "crush");
            metadata = List.copyOf(metadata);
            requireNonNull(compiledCrush, "compiledCrush");
        }

        static StoredOsdMap of(OsdMapPart part) {
            return new StoredOsdMap(
                    part.map(),
                    part.tree(),
                    part.crush(),
                    part.metadata().values().stream()
                            .sorted(Comparator.comparingInt(OsdMetadata::osd))
                            .toList(),
                    part.compiledCrush());
        }

        OsdMapPart toPart() {
            return OsdMapPart.of(map, tree, crush, metadata, compiledCrush);
        }
    }
}
