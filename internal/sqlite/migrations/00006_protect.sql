-- +goose Up
-- Discreet texts. protect: Telegram's protect_content, so the message
-- cannot be forwarded or saved (a student who sent PRIVATE, a course
-- marked sensitive). course_id: the course a message is about, so a
-- student sent a text that names no course can reply INFO to learn what
-- it was (not a reference: a course gone is simply no answer).
ALTER TABLE outbox ADD COLUMN protect INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN course_id INTEGER;

-- Every Telegram message to a student who asked for discreet texts is
-- protected, whoever queues it: replies and notices (the engine sets it
-- too), a staff member's reply, a broadcast.
-- +goose StatementBegin
CREATE TRIGGER outbox_protect_discreet
AFTER INSERT ON outbox
WHEN NEW.channel = 'telegram' AND NEW.protect = 0
 AND (SELECT discreet FROM student WHERE id = NEW.student_id) = 1
BEGIN
    UPDATE outbox SET protect = 1 WHERE id = NEW.id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER outbox_protect_discreet;
ALTER TABLE outbox DROP COLUMN course_id;
ALTER TABLE outbox DROP COLUMN protect;
