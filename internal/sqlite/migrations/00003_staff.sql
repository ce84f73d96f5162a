-- +goose Up
-- Staff who may use staff commands from their phone: by SMS from their
-- number (E.164) or from their Telegram chat. Removing a member deletes
-- the row; what they did is recorded by name.
CREATE TABLE staff (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'facilitator')),
    phone        TEXT UNIQUE,
    telegram_id  TEXT UNIQUE,
    created_at   TEXT NOT NULL
);

-- A broadcast: drafted with a preview, then queued as bulk, or stopped.
-- notify_* is the staff chat that asked for it, told how it goes.
CREATE TABLE broadcast (
    id              INTEGER PRIMARY KEY,
    audience        TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('service', 'news')),
    body            TEXT NOT NULL,
    created_by      TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'queued', 'stopped', 'discarded')),
    recipients      INTEGER NOT NULL DEFAULT 0,
    queued_at       TEXT,
    stopped_at      TEXT,
    notify_channel  TEXT NOT NULL DEFAULT '',
    notify_address  TEXT NOT NULL DEFAULT '',
    progress_id     INTEGER, -- the outbox row of the staff message edited as it goes
    -- When nothing was left to send and the member of staff who sent it
    -- was told: the progress watch stops looking at it then.
    finished_at     TEXT
);
CREATE INDEX broadcast_running ON broadcast (id) WHERE status IN ('queued', 'stopped') AND finished_at IS NULL;

-- A student who asked for a person (TALK), until staff close it: who last
-- replied (a staff id, unused once they leave the list), so the student's
-- answers go back to them; when staff were last alerted, so a second TALK
-- alerts again only after a while; at most one open per student.
CREATE TABLE handoff (
    id             INTEGER PRIMARY KEY,
    student_id     INTEGER NOT NULL REFERENCES student(id) ON DELETE CASCADE,
    opened_at      TEXT NOT NULL,
    replied_at     TEXT,
    replied_by     TEXT NOT NULL DEFAULT '',
    closed_at      TEXT,
    replied_by_id  INTEGER,
    alerted_at     TEXT
);
CREATE UNIQUE INDEX handoff_open ON handoff (student_id) WHERE closed_at IS NULL;

-- When staff (or an import) last moved or cancelled a session, for the
-- digest's list of changes.
ALTER TABLE session ADD COLUMN changed_at TEXT;

ALTER TABLE outbox ADD COLUMN broadcast_id INTEGER REFERENCES broadcast(id);
-- The provider's id of an earlier message this one rewrites in place
-- (Telegram's editMessageText), and a picture to send (a report's chart).
ALTER TABLE outbox ADD COLUMN edit_of TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN photo BLOB;
-- A broadcast's messages by status, for its progress and for stopping it.
CREATE INDEX outbox_broadcast ON outbox (broadcast_id, status) WHERE broadcast_id IS NOT NULL;

-- What was not sent of a stopped broadcast is not sent: a message that was
-- being sent when staff stopped it and comes back to the queue (a retry, or
-- a dispatcher handing it back) is cancelled instead.
-- +goose StatementBegin
CREATE TRIGGER outbox_broadcast_stopped
AFTER UPDATE OF status ON outbox
WHEN NEW.status = 'pending' AND NEW.broadcast_id IS NOT NULL
 AND (SELECT status FROM broadcast WHERE id = NEW.broadcast_id) = 'stopped'
BEGIN
    UPDATE outbox SET status = 'cancelled', error = 'broadcast stopped' WHERE id = NEW.id;
END;
-- +goose StatementEnd

-- A student who says NO NEWS gets no more news, even from a broadcast
-- queued before they said it.
-- +goose StatementBegin
CREATE TRIGGER student_news_withdrawn
AFTER UPDATE OF news_at ON student
WHEN NEW.news_at IS NULL AND OLD.news_at IS NOT NULL
BEGIN
    UPDATE outbox SET status = 'cancelled', error = 'no news'
    WHERE student_id = NEW.id AND kind = 'news' AND status = 'pending';
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER student_news_withdrawn;
DROP TRIGGER outbox_broadcast_stopped;
DROP INDEX outbox_broadcast;
ALTER TABLE session DROP COLUMN changed_at;
ALTER TABLE outbox DROP COLUMN photo;
ALTER TABLE outbox DROP COLUMN edit_of;
ALTER TABLE outbox DROP COLUMN broadcast_id;
DROP TABLE handoff;
DROP TABLE broadcast;
DROP TABLE staff;
