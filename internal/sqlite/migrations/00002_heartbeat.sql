-- +goose Up
-- One row, rewritten by health checks: a committed write proves the disk
-- and the lock work, which a read cannot.
CREATE TABLE heartbeat (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    beat_at  TEXT NOT NULL
);

-- +goose Down
DROP TABLE heartbeat;
