-- The decision log (SPEC §7). guard-app's audit owns the Flyway versions V300..V399 and the
-- tables prefixed audit_. Plain SQL that H2 2.x and PostgreSQL 15 both run.

-- One row per entry, append-only. The hash chain covers seq, occurred_at, event_type, queue_id,
-- actor, details and prev_hash (see com.misdeliveryguard.core.audit.LogEntry).
CREATE TABLE audit_entry (
    seq          BIGINT PRIMARY KEY,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    event_type   VARCHAR(40)  NOT NULL,
    queue_id     VARCHAR(100),
    actor        VARCHAR(320),
    details      VARCHAR(1000000) NOT NULL,
    prev_hash    CHAR(64) NOT NULL,
    hash         CHAR(64) NOT NULL
);
-- time range -> sequence range (times never go backwards along the sequence)
CREATE INDEX audit_entry_time_ix ON audit_entry (occurred_at, seq);
-- a message's history
CREATE INDEX audit_entry_queue_ix ON audit_entry (queue_id, seq);

-- What the console filters by (sender, rcpt, org, dept, rule, outcome): an inverted index,
-- read newest first by (kind, term, seq) and probed by primary key for a second filter.
CREATE TABLE audit_term (
    kind  VARCHAR(12)  NOT NULL,
    term  VARCHAR(320) NOT NULL,
    seq   BIGINT       NOT NULL,
    PRIMARY KEY (kind, term, seq)
);
CREATE INDEX audit_term_seq_ix ON audit_term (seq);

-- The single row every append locks (SELECT ... FOR UPDATE): appends from all threads and all
-- instances on one database are serialized here. anchor_*: the last entry deleted by retention.
CREATE TABLE audit_chain_head (
    id           INT PRIMARY KEY,
    last_seq     BIGINT   NOT NULL,
    last_hash    CHAR(64) NOT NULL,
    last_time    TIMESTAMP WITH TIME ZONE,
    anchor_seq   BIGINT   NOT NULL,
    anchor_hash  CHAR(64) NOT NULL
);
INSERT INTO audit_chain_head (id, last_seq, last_hash, last_time, anchor_seq, anchor_hash) VALUES
    (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', NULL,
        0, '0000000000000000000000000000000000000000000000000000000000000000');

-- HMAC-signed checkpoints (also kept in <data-dir>/audit/checkpoint.json and the guard.audit log).
CREATE TABLE audit_checkpoint (
    seq        BIGINT   PRIMARY KEY,
    hash       CHAR(64) NOT NULL,
    signed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    mac        CHAR(64) NOT NULL
);

-- Statistics kept up to date by each append (derived data, not part of the chain).
-- metric: type (entries per event type), action (verdicts per action), rule (holds per rule),
-- sender (messages per sender), held-sender (holds per sender).
CREATE TABLE audit_daily (
    stat_day  DATE         NOT NULL,
    metric    VARCHAR(20)  NOT NULL,
    dim       VARCHAR(320) NOT NULL,
    n         BIGINT       NOT NULL,
    PRIMARY KEY (stat_day, metric, dim)
);

-- One row per decision about a hold (confirmed, partially-confirmed, cancelled), for the median
-- time to decide per department.
CREATE TABLE audit_decision (
    seq             BIGINT       PRIMARY KEY,
    decided_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    department      VARCHAR(300) NOT NULL,
    outcome         VARCHAR(30)  NOT NULL,
    secs_to_decide  BIGINT       NOT NULL,
    automated       BOOLEAN      NOT NULL
);
CREATE INDEX audit_decision_time_ix ON audit_decision (decided_at);
