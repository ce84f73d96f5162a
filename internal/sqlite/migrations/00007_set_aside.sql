-- +goose Up
-- Inbound messages the inbox worker could not handle. attempts counts the
-- failed tries that counted (the worker does not count a try made while
-- every message was failing: the database, not the message, was at
-- fault); error is the last failure. A message set aside after its last
-- try has given_up_at set, and processed_at too, so it is no longer
-- pending: the student's later messages go on being handled, and
-- `collegebot inbox retry` puts it back.
ALTER TABLE inbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE inbox ADD COLUMN error TEXT NOT NULL DEFAULT '';
ALTER TABLE inbox ADD COLUMN given_up_at TEXT;
CREATE INDEX inbox_set_aside ON inbox (given_up_at) WHERE given_up_at IS NOT NULL;

-- +goose Down
DROP INDEX inbox_set_aside;
ALTER TABLE inbox DROP COLUMN given_up_at;
ALTER TABLE inbox DROP COLUMN error;
ALTER TABLE inbox DROP COLUMN attempts;
