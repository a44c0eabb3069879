-- The latest snapshot of each monitored cluster, so that a restarted server can serve it (marked
-- stale) until the cluster answers again. One row per cluster, one per part of its snapshot.
-- update_time: when the cluster last answered; format: the shape of the bodies (SnapshotCodec).
-- body: the part's value as gzip-compressed JSON. Times are milliseconds since the epoch, UTC.

CREATE TABLE cluster_snapshots (
    fsid VARCHAR(36) PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    update_time BIGINT NOT NULL,
    written_at BIGINT NOT NULL,
    format INTEGER NOT NULL
);

CREATE TABLE cluster_snapshot_parts (
    fsid VARCHAR(36) NOT NULL REFERENCES cluster_snapshots (fsid) ON DELETE CASCADE,
    part VARCHAR(32) NOT NULL,
    version BIGINT NOT NULL,
    fetched_at BIGINT NOT NULL,
    body ${binary} NOT NULL,
    PRIMARY KEY (fsid, part)
);
