-- +goose Up
-- Times are TEXT in UTC as 'YYYY-MM-DD HH:MM:SS' (sorts and compares as time).

CREATE TABLE term (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE
);

CREATE TABLE topic (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    position  INTEGER NOT NULL
);

CREATE TABLE partner (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL DEFAULT '',
    contact     TEXT NOT NULL DEFAULT '',
    agreement   TEXT NOT NULL DEFAULT '',
    review_date TEXT
);

CREATE TABLE venue (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    address     TEXT NOT NULL DEFAULT '',
    postcode    TEXT NOT NULL DEFAULT '',
    access      TEXT NOT NULL DEFAULT '',
    partner_id  INTEGER REFERENCES partner(id),
    UNIQUE (name, postcode)
);

CREATE TABLE course (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    title         TEXT NOT NULL,
    topic_id      INTEGER NOT NULL REFERENCES topic(id),
    term_id       INTEGER REFERENCES term(id),
    summary       TEXT NOT NULL DEFAULT '',
    description   TEXT NOT NULL DEFAULT '',
    mode          TEXT NOT NULL CHECK (mode IN ('in_person', 'online')),
    capacity      INTEGER NOT NULL CHECK (capacity > 0),
    min_age       INTEGER NOT NULL DEFAULT 0 CHECK (min_age >= 0),
    cohort        TEXT NOT NULL DEFAULT '',
    sensitive     INTEGER NOT NULL DEFAULT 0,
    facilitators  TEXT NOT NULL DEFAULT '',
    partner_id    INTEGER REFERENCES partner(id),
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cancelled'))
);

CREATE TABLE session (
    id          INTEGER PRIMARY KEY,
    course_id   INTEGER NOT NULL REFERENCES course(id),
    seq         INTEGER NOT NULL,
    starts_at   TEXT NOT NULL,
    ends_at     TEXT NOT NULL,
    venue_id    INTEGER REFERENCES venue(id),
    online_url  TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'moved', 'cancelled')),
    CHECK (ends_at > starts_at),
    UNIQUE (course_id, seq)
);
CREATE INDEX session_start ON session (starts_at);
-- Sessions by end, for the courses that just finished and the registers
-- just marked.
CREATE INDEX session_end ON session (ends_at);

CREATE TABLE student (
    id               INTEGER PRIMARY KEY,
    first_name       TEXT NOT NULL DEFAULT '',
    lang             TEXT NOT NULL DEFAULT 'en',
    consent_at       TEXT,
    consent_version  TEXT NOT NULL DEFAULT '',
    news_at          TEXT,
    news_version     TEXT NOT NULL DEFAULT '',
    discreet         INTEGER NOT NULL DEFAULT 0,
    heard            TEXT, -- NULL: not asked; '': skipped
    describes        TEXT,
    district         TEXT,
    created_at       TEXT NOT NULL,
    last_active      TEXT NOT NULL,
    erased_at        TEXT
);

CREATE TABLE contact (
    id          INTEGER PRIMARY KEY,
    student_id  INTEGER NOT NULL REFERENCES student(id) ON DELETE CASCADE,
    channel     TEXT NOT NULL CHECK (channel IN ('sms', 'telegram', 'terminal')),
    address     TEXT NOT NULL,
    opted_out   TEXT,
    UNIQUE (channel, address)
);
CREATE INDEX contact_student ON contact (student_id);

CREATE TABLE eligibility (
    student_id  INTEGER NOT NULL REFERENCES student(id) ON DELETE CASCADE,
    question    TEXT NOT NULL,
    yes         INTEGER NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (student_id, question)
);

CREATE TABLE enrolment (
    id             INTEGER PRIMARY KEY,
    student_id     INTEGER NOT NULL REFERENCES student(id),
    course_id      INTEGER NOT NULL REFERENCES course(id),
    status         TEXT NOT NULL CHECK (status IN ('booked', 'waiting', 'offered', 'dropped', 'completed')),
    waiting_since  TEXT, -- orders the waiting list
    offer_expires  TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (student_id, course_id),
    CHECK (status <> 'waiting' OR waiting_since IS NOT NULL)
);
CREATE INDEX enrolment_course ON enrolment (course_id, status);
-- Offers by expiry, for the sweep that lapses them.
CREATE INDEX enrolment_offer ON enrolment (offer_expires) WHERE status = 'offered';

-- Capacity is enforced here as well as in the code that books: no write can
-- leave more places booked or offered than the course has.
-- +goose StatementBegin
CREATE TRIGGER enrolment_capacity_insert
BEFORE INSERT ON enrolment
WHEN NEW.status IN ('booked', 'offered')
 AND (SELECT count(*) FROM enrolment WHERE course_id = NEW.course_id AND status IN ('booked', 'offered'))
     >= (SELECT capacity FROM course WHERE id = NEW.course_id)
BEGIN
    SELECT RAISE(ABORT, 'course full');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER enrolment_capacity_update
BEFORE UPDATE OF status ON enrolment
WHEN NEW.status IN ('booked', 'offered') AND OLD.status NOT IN ('booked', 'offered')
 AND (SELECT count(*) FROM enrolment WHERE course_id = NEW.course_id AND status IN ('booked', 'offered'))
     >= (SELECT capacity FROM course WHERE id = NEW.course_id)
BEGIN
    SELECT RAISE(ABORT, 'course full');
END;
-- +goose StatementEnd

CREATE TABLE attendance (
    session_id  INTEGER NOT NULL REFERENCES session(id),
    student_id  INTEGER NOT NULL REFERENCES student(id),
    status      TEXT NOT NULL CHECK (status IN ('attended', 'absent', 'apologies')),
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (session_id, student_id)
);

-- The Friends and Family Test after a course: asked once per student and
-- course; score 0 and an empty comment mean not (yet) answered. Scores are
-- kept for figures when a student is erased; comments, free text, are not.
CREATE TABLE feedback (
    id           INTEGER PRIMARY KEY,
    student_id   INTEGER NOT NULL REFERENCES student(id),
    course_id    INTEGER NOT NULL REFERENCES course(id),
    score        INTEGER NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 6), -- 1 very good to 5 very poor, 6 don't know
    comment      TEXT NOT NULL DEFAULT '',
    asked_at     TEXT NOT NULL,
    answered_at  TEXT, -- when the score, or else the comment, first came
    UNIQUE (student_id, course_id)
);

CREATE TABLE dialogue (
    student_id  INTEGER PRIMARY KEY REFERENCES student(id) ON DELETE CASCADE,
    state       TEXT NOT NULL,
    data        TEXT NOT NULL DEFAULT '{}',   -- JSON object
    choices     TEXT NOT NULL DEFAULT '[]',   -- JSON array of commands
    expires_at  TEXT NOT NULL
);

CREATE TABLE inbox (
    id           INTEGER PRIMARY KEY,
    channel      TEXT NOT NULL,
    provider_id  TEXT NOT NULL,
    address      TEXT NOT NULL,
    body         TEXT NOT NULL,
    payload      TEXT NOT NULL DEFAULT '',  -- the provider's raw request, for replay
    opt_out      TEXT NOT NULL DEFAULT '',  -- the provider's reading of an opt-out word (Twilio's OptOutType)
    event        TEXT NOT NULL DEFAULT '',  -- what arrived when not plain text (college.Event)
    phone        TEXT NOT NULL DEFAULT '',  -- with event 'contact': the number the student shared as theirs
    received_at  TEXT NOT NULL,
    processed_at TEXT,
    UNIQUE (channel, provider_id)
);
CREATE INDEX inbox_pending ON inbox (processed_at, id);
CREATE INDEX inbox_address ON inbox (channel, address);
-- UNIQUE (channel, provider_id) also serves LastProviderID, which reads one
-- channel's ids. Retention must keep each channel's newest row: Telegram
-- polling resumes after it.

CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    purpose      TEXT NOT NULL UNIQUE,
    student_id   INTEGER REFERENCES student(id) ON DELETE SET NULL,
    session_id   INTEGER REFERENCES session(id),  -- the session a reminder or change is about
    channel      TEXT NOT NULL,
    address      TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('reply', 'service', 'news')),
    priority     INTEGER NOT NULL,
    lang         TEXT NOT NULL DEFAULT 'en',  -- how choices are rendered for SMS
    body         TEXT NOT NULL,
    choices      TEXT NOT NULL DEFAULT '[]',  -- JSON array of {l, c}
    segments     INTEGER NOT NULL DEFAULT 0,  -- ours when queued; the provider's once it says
    not_before   TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'cancelled')),
    attempts     INTEGER NOT NULL DEFAULT 0,  -- claims so far
    lease_until  TEXT,
    provider_id  TEXT,
    error        TEXT NOT NULL DEFAULT '',
    error_code   INTEGER NOT NULL DEFAULT 0,  -- the provider's, from a status callback
    created_at   TEXT NOT NULL,
    sent_at      TEXT
);
CREATE INDEX outbox_due ON outbox (status, channel, priority, not_before, id);
CREATE INDEX outbox_student ON outbox (student_id);
-- Unsent messages by address, for keeping each conversation in order.
CREATE INDEX outbox_unsent ON outbox (channel, address, id) WHERE status IN ('pending', 'sending');

-- The job ledger: one row per run of a scheduled job. Times are to the
-- millisecond, so a short run's length shows; counts is a JSON object.
CREATE TABLE job_run (
    id           INTEGER PRIMARY KEY,
    job          TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,            -- NULL while running, or if the process died
    counts       TEXT NOT NULL DEFAULT '{}',
    error        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX job_run_job ON job_run (job, started_at);

-- +goose Down
DROP TABLE job_run;
DROP TABLE outbox;
DROP TABLE inbox;
DROP TABLE dialogue;
DROP TABLE feedback;
DROP TABLE attendance;
DROP TRIGGER enrolment_capacity_update;
DROP TRIGGER enrolment_capacity_insert;
DROP TABLE enrolment;
DROP TABLE eligibility;
DROP TABLE contact;
DROP TABLE student;
DROP TABLE session;
DROP TABLE course;
DROP TABLE venue;
DROP TABLE partner;
DROP TABLE topic;
DROP TABLE term;
