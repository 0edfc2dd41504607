-- Issue 11: the verdict's resolved recipients are kept with the hold, so that the confirmation page,
-- the notifications and /my/held show what the check saw (one classification, no second lookup).
-- standing: the core's DirectoryStatus (KNOWN_CONTACT, LEARNED, KNOWN_ORGANIZATION, UNKNOWN,
-- UNAVAILABLE); NULL for header-only addresses and for holds recorded before this version.
ALTER TABLE confirm_recipient ADD COLUMN standing VARCHAR(20);
ALTER TABLE confirm_recipient ADD COLUMN person_name VARCHAR(400);
ALTER TABLE confirm_recipient ADD COLUMN organization VARCHAR(400);
ALTER TABLE confirm_recipient ADD COLUMN department VARCHAR(400);
ALTER TABLE confirm_recipient ADD COLUMN internal_address BOOLEAN;
