-- The event timeline (Calamari's cthulhu_event): what happened, when, how severe, and what it concerns.
-- severity is Calamari's number (1 CRITICAL ... 5 INFO). Times are milliseconds since the epoch, UTC.

CREATE TABLE event_log (
    id ${identity},
    at BIGINT NOT NULL,
    severity INTEGER NOT NULL,
    message TEXT NOT NULL,
    fsid VARCHAR(36),
    fqdn VARCHAR(255),
    service_type VARCHAR(32),
    service_id VARCHAR(64)
);

CREATE INDEX event_log_at ON event_log (at);
CREATE INDEX event_log_fsid_at ON event_log (fsid, at);
CREATE INDEX event_log_fqdn_at ON event_log (fqdn, at);
