-- Entries are found by time with a binary search over seq (times never go backwards along the sequence;
-- EntryTimes), so every append writes one B-tree less (ADR 0014).
DROP INDEX audit_entry_time_ix;
-- Likewise a message's time is its first entry's: MessageQueries bounds first_seq by the same search and
-- reads audit_message by audit_message_seq_ix.
DROP INDEX audit_message_time_ix;
