-- Administrators decide directory-entry requests (status OPEN, then APPROVED or REJECTED once, by a
-- conditional UPDATE ... WHERE status = 'OPEN'), and notification mails are capped per envelope
-- sender and hour (RELIABILITY promise 8). Plain SQL that H2 2.x and PostgreSQL 15 both run.

ALTER TABLE confirm_directory_request ADD COLUMN decided_by VARCHAR(320);
ALTER TABLE confirm_directory_request ADD COLUMN decided_at TIMESTAMP WITH TIME ZONE;

-- No notification mail about this hold before this time: set when the sender's hourly cap was
-- reached; the scheduler leaves the hold alone until then.
ALTER TABLE confirm_hold ADD COLUMN notice_not_before TIMESTAMP WITH TIME ZONE;
-- the cap's question: notices to one sender in the last hour
CREATE INDEX confirm_hold_notified_ix ON confirm_hold (mail_from, notified_at);
