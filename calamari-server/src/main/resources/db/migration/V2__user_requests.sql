-- Asynchronous management requests (Calamari's UserRequest), persisted so that they survive a restart.
-- plan: the commands and how completion is recognised (JSON); progress: how far execution got (JSON).
-- Times are milliseconds since the epoch, UTC.

CREATE TABLE user_requests (
    id VARCHAR(36) PRIMARY KEY,
    fsid VARCHAR(36) NOT NULL,
    headline TEXT NOT NULL,
    state VARCHAR(16) NOT NULL,
    error BOOLEAN NOT NULL,
    error_message TEXT NOT NULL,
    status TEXT NOT NULL,
    requested_at BIGINT NOT NULL,
    completed_at BIGINT,
    requested_by VARCHAR(150),
    plan TEXT NOT NULL,
    progress TEXT NOT NULL
);

CREATE INDEX user_requests_requested_at ON user_requests (requested_at);
CREATE INDEX user_requests_fsid_state ON user_requests (fsid, state);
CREATE INDEX user_requests_state ON user_requests (state);
