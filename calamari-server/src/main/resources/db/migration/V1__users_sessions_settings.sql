-- Users, their server-side sessions, and server-wide settings (such as the server secret).
-- Written to run unchanged on SQLite and PostgreSQL; ${identity} is the auto-increment key.
-- Times are milliseconds since the epoch, UTC.

CREATE TABLE users (
    id ${identity},
    username VARCHAR(150) NOT NULL UNIQUE,
    email VARCHAR(254) NOT NULL,
    password_hash VARCHAR(255),
    role VARCHAR(16) NOT NULL,
    enabled BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    password_changed_at BIGINT
);

CREATE TABLE sessions (
    token_hash VARCHAR(64) PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    remote_address VARCHAR(64) NOT NULL,
    user_agent VARCHAR(512) NOT NULL
);

CREATE INDEX sessions_user_id ON sessions (user_id);

CREATE TABLE settings (
    name VARCHAR(64) PRIMARY KEY,
    value TEXT NOT NULL
);
