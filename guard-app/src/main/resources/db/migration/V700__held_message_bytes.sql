-- Held messages' bytes in the shared database (issue 13, ADR 0012): any instance shows, releases,
-- expires and reminds any hold, and a hold survives the loss of the instance that received it.
-- H2 2.x and PostgreSQL 15 both run this. Times are UTC instants.

-- One row per held (or delayed) message whose bytes are kept here: the spool's envelope text (queue
-- id, envelope, size and SHA-256 of the bytes), how many chunks there are, and what the spool keeps
-- beside the bytes (the addresses converted to Bcc). Written in the intake's
-- transaction with the hold record, before the 250; deleted with the chunks in the transaction that
-- takes the hold to its final state (after the releasing instance's spool copy is fsynced).
CREATE TABLE hold_message (
    queue_id    VARCHAR(100)  PRIMARY KEY,
    envelope    BYTEA         NOT NULL,
    size_bytes  BIGINT        NOT NULL,
    sha256      CHAR(64)      NOT NULL,
    chunks      INT           NOT NULL,
    stored_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the To/Cc addresses the policy's conversion to Bcc takes out on delivery, one per line (or NULL)
    to_bcc      VARCHAR(1000000)
);

-- The bytes exactly as received, in chunks of 256 KiB (the last one shorter), streamed in and out.
CREATE TABLE hold_message_chunk (
    queue_id  VARCHAR(100)  NOT NULL REFERENCES hold_message (queue_id) ON DELETE CASCADE,
    seq_no    INT           NOT NULL,
    data      BYTEA         NOT NULL,
    PRIMARY KEY (queue_id, seq_no)
);

-- released_into: the spool (instance) that copied the bytes of a released hold to deliver them; its
-- start-up finishes a release cut short, every other instance leaves it alone.
-- lease_owner / lease_until: the scheduler's work on a hold (notice, reminder, expiry, delayed
-- release) is claimed by one instance at a time; a crashed instance's lease runs out and another
-- instance takes the work over.
ALTER TABLE confirm_hold ADD COLUMN released_into VARCHAR(100);
ALTER TABLE confirm_hold ADD COLUMN lease_owner VARCHAR(100);
ALTER TABLE confirm_hold ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
