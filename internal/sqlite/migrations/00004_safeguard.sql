-- +goose Up
-- Safeguarding alerts: a student's message that suggested a risk to life,
-- and what staff did about it. The college's incident log: kept when the
-- inbox's copy of the message is deleted. told holds the ids of the staff
-- told of it, comma-separated, in order, once for each time they were.
CREATE TABLE alert (
    id           INTEGER PRIMARY KEY,
    student_id   INTEGER NOT NULL REFERENCES student(id),
    inbox_id     INTEGER,            -- the inbound message; not a reference, as inbox rows expire
    channel      TEXT NOT NULL DEFAULT '',
    rule         TEXT NOT NULL,
    matched      TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT '',
    signposted   INTEGER NOT NULL DEFAULT 1,  -- 0: opted out, so not sent the crisis contacts
    raised_at    TEXT NOT NULL,
    alerted_at   TEXT NOT NULL,      -- staff last told: raised or repeated
    told         TEXT NOT NULL DEFAULT '',
    repeats      INTEGER NOT NULL DEFAULT 0,
    acked_at     TEXT,
    acked_by     TEXT NOT NULL DEFAULT '',
    cleared_at   TEXT,
    cleared_by   TEXT NOT NULL DEFAULT ''
);
-- A student's alerts, for the pause on automated messages.
CREATE INDEX alert_student ON alert (student_id, raised_at);
-- The alerts that may repeat.
CREATE INDEX alert_unacked ON alert (alerted_at) WHERE acked_at IS NULL AND cleared_at IS NULL;

-- Members told at once of every crisis alert.
ALTER TABLE staff ADD COLUMN safeguarding INTEGER NOT NULL DEFAULT 0;

-- A Telegram chat joined to its student's SMS record takes its alerts
-- along, so the pause on automated messages follows the student.
-- +goose StatementBegin
CREATE TRIGGER alert_follows_contact
AFTER UPDATE OF student_id ON contact
WHEN NEW.student_id <> OLD.student_id
BEGIN
    UPDATE alert SET student_id = NEW.student_id WHERE student_id = OLD.student_id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER alert_follows_contact;
ALTER TABLE staff DROP COLUMN safeguarding;
DROP TABLE alert;
