package io.calamari.server.cluster;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The {@code cluster_snapshots} and {@code cluster_snapshot_parts} tables: the latest stored
 * snapshot of each cluster, one row for the cluster and one per part. Bodies are opaque here (see
 * {@link SnapshotCodec}). Thread-safe.
 */
public final class SnapshotStore {
    private final Jdbi jdbi;

    public SnapshotStore(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi");
    }

    /** One stored part: its value as the codec wrote it, with the version and fetch time it had. */
    public record StoredPart(String name, long version, Instant fetchedAt, byte[] body) {
        public StoredPart {
            requireNonNull(name, "name");
            requireNonNull(fetchedAt, "fetchedAt");
            body = requireNonNull(body, "body").clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        public int size() {
            return body.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof StoredPart that
                    && name.equals(that.name)
                    && version == that.version
                    && fetchedAt.equals(that.fetchedAt)
                    && Arrays.equals(body, that.body);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return "StoredPart[" + name + " v" + version + ", " + body.length + " bytes]";
        }
    }

    /** A cluster's stored snapshot: when the cluster last answered, the codec's format and the parts by name. */
    public record StoredSnapshot(
            String fsid, String name, Instant updateTime, int format, Map<String, StoredPart> parts) {
        public StoredSnapshot {
            requireNonNull(fsid, "fsid");
            requireNonNull(name, "name");
            requireNonNull(updateTime, "updateTime");
            parts = Map.copyOf(parts);
        }
    }

    /**
     * In one transaction: records the cluster's name, update time and format, replaces the
     * {@code changed} parts and deletes the parts named in {@code absent}.
     */
    public void save(
            String fsid,
            String name,
            Instant updateTime,
            int format,
            Instant writtenAt,
            List<StoredPart> changed,
            Set<String> absent) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("""
                            INSERT INTO cluster_snapshots (fsid, name, update_time, written_at, format)
                            VALUES (:fsid, :name, :updateTime, :writtenAt, :format)
                            ON CONFLICT (fsid) DO UPDATE SET name = excluded.name,
                                update_time = excluded.update_time, written_at = excluded.written_at,
                                format = excluded.format
                            """)
                    .bind("fsid", fsid)
                    .bind("name", name)
                    .bind("updateTime", updateTime.toEpochMilli())
                    .bind("writtenAt", writtenAt.toEpochMilli())
                    .bind("format", format)
                    .execute();
            if (!changed.isEmpty()) {
                PreparedBatch batch = handle.prepareBatch("""
                        INSERT INTO cluster_snapshot_parts (fsid, part, version, fetched_at, body)
                        VALUES (:fsid, :part, :version, :fetchedAt, :body)
                        ON CONFLICT (fsid, part) DO UPDATE SET version = excluded.version,
                            fetched_at = excluded.fetched_at, body = excluded.body
                        """);
                for (StoredPart part : changed) {
                    batch.bind("fsid", fsid)
                            .bind("part", part.name())
                            .bind("version", part.version())
                            .bind("fetchedAt", part.fetchedAt().toEpochMilli())
                            .bind("body", part.body)
                            .add();
                }
                batch.execute();
            }
            if (!absent.isEmpty()) {
                handle.createUpdate("DELETE FROM cluster_snapshot_parts WHERE fsid = :fsid AND part IN (<parts>)")
                        .bind("fsid", fsid)
                        .bindList("parts", List.copyOf(absent))
                        .execute();
            }
        });
    }

    /** The cluster's stored snapshot, read in one statement. */
    public Optional<StoredSnapshot> load(String fsid) {
        List<Row> rows = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT s.name, s.update_time, s.format, p.part, p.version, p.fetched_at, p.body
                        FROM cluster_snapshots s LEFT JOIN cluster_snapshot_parts p ON p.fsid = s.fsid
                        WHERE s.fsid = :fsid
                        """)
                .bind("fsid", fsid)
                .map((row, context) -> row(row))
                .list());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row first = rows.get(0);
        Map<String, StoredPart> parts = rows.stream()
                .flatMap(row -> row.part().stream())
                .collect(Collectors.toMap(StoredPart::name, Function.identity()));
        return Optional.of(new StoredSnapshot(fsid, first.name(), first.updateTime(), first.format(), parts));
    }

    /** Bytes of the stored part bodies of a cluster (for measurements). */
    public long storedBytes(String fsid) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT COALESCE(SUM(LENGTH(body)), 0) FROM cluster_snapshot_parts WHERE fsid = :fsid")
                .bind("fsid", fsid)
                .mapTo(Long.class)
                .one());
    }

    /** One row of the join: the cluster's columns and one part, if it has any. */
    private record Row(String name, Instant updateTime, int format, Optional<StoredPart> part) {}

    private static Row row(ResultSet row) throws SQLException {
        String part = row.getString("part");
        return new Row(
                row.getString("name"),
                Instant.ofEpochMilli(row.getLong("update_time")),
                row.getInt("format"),
                part == null
                        ? Optional.empty()
                        : Optional.of(new StoredPart(
                                part,
                                row.getLong("version"),
                                Instant.ofEpochMilli(row.getLong("fetched_at")),
                                row.getBytes("body"))));
    }
}
