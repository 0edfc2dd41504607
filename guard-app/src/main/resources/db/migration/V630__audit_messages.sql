-- One row per message for the console's message view and GET /api/v1/audit/messages (issue 12).
-- Derived data kept in step with the entries by each append (like audit_daily), never part of the
-- hash chain: it can be rebuilt from the entries. guard-app's message view owns V630..V639.
CREATE TABLE audit_message (
    queue_id            VARCHAR(100)  PRIMARY KEY,
    first_seq           BIGINT        NOT NULL,
    last_seq            BIGINT        NOT NULL,
    received_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    sender              VARCHAR(320)  NOT NULL,
    subject             VARCHAR(1000),
    recipients          VARCHAR(200000) NOT NULL,
    recipient_count     INT           NOT NULL,
    rules               VARCHAR(2000) NOT NULL,
    verdict_action      VARCHAR(10),
    decision            VARCHAR(30),
    decided_by          VARCHAR(320),
    secs_to_decide      BIGINT,
    possibly_automated  BOOLEAN,
    delivered_n         INT           NOT NULL,
    deferred_n          INT           NOT NULL,
    bounced_n           INT           NOT NULL,
    notices_n           INT           NOT NULL
);
-- newest first, and the time filter
CREATE INDEX audit_message_seq_ix ON audit_message (first_seq);
CREATE INDEX audit_message_time_ix ON audit_message (received_at, first_seq);
