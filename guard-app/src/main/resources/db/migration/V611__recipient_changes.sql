-- Issue 11: what the sender changed for a recipient on the confirmation page. change_kind is
-- SENT_INSTEAD (the message went to sent_instead, the suggested directory address, in the envelope
-- and the To/Cc header) or SENT_AS_BCC (taken out of To/Cc; the envelope kept it). NULL: unchanged.
ALTER TABLE confirm_recipient ADD COLUMN change_kind VARCHAR(20);
ALTER TABLE confirm_recipient ADD COLUMN sent_instead VARCHAR(320);
