-- +goose Up
-- The language the student's app is set to, as the provider gives it
-- (Telegram's language_code, such as "cy" or "en-GB"); '' when it does not.
-- A new student starts in it when the catalog has it.
ALTER TABLE inbox ADD COLUMN lang TEXT NOT NULL DEFAULT '';

-- A broadcast's text in each language other than the default (English,
-- broadcast.body): a student who chose a language with a text here gets
-- it; everyone else gets broadcast.body.
CREATE TABLE broadcast_text (
    broadcast_id  INTEGER NOT NULL REFERENCES broadcast(id) ON DELETE CASCADE,
    lang          TEXT NOT NULL,
    body          TEXT NOT NULL,
    PRIMARY KEY (broadcast_id, lang)
) WITHOUT ROWID;

-- +goose Down
DROP TABLE broadcast_text;
ALTER TABLE inbox DROP COLUMN lang;
