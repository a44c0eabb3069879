-- The audit log: one row per mutating API request, login and logout, written before the response
-- is sent (io.calamari.server.audit). Kept by `calamari ctl clear`.
-- Written to run unchanged on SQLite and PostgreSQL; ${identity} is the auto-increment key.
-- Times are milliseconds since the epoch, UTC.

CREATE TABLE audit_log (
    id ${identity},
    at BIGINT NOT NULL,
    username VARCHAR(150),
    address VARCHAR(64) NOT NULL,
    method VARCHAR(10) NOT NULL,
    path VARCHAR(512) NOT NULL,
    fsid VARCHAR(36),
    action TEXT NOT NULL,
    request_id VARCHAR(36),
    status INT NOT NULL,
    outcome VARCHAR(32) NOT NULL
);

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_username ON audit_log (username);
CREATE INDEX audit_log_fsid ON audit_log (fsid);
