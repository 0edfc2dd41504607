-- Issue 10 (ADR 0007): whom each sender writes to and how often, from delivered mail.
-- Bounded per sender by JdbcSenderHistory (the least recently written-to rows are deleted) and
-- expiring (rows whose last delivery is older than the retention are deleted by housekeeping and
-- never read).
CREATE TABLE dir_sender_history (
    sender_key     VARCHAR(254) NOT NULL,
    recipient_key  VARCHAR(254) NOT NULL,
    recipient      VARCHAR(254) NOT NULL,
    deliveries     INTEGER      NOT NULL,
    first_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sender_key, recipient_key)
);
CREATE INDEX dir_sender_history_last_ix ON dir_sender_history (last_at);
