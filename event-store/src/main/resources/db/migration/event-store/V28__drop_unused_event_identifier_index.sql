-- The unique index on domain_event_entry.event_identifier: nothing looks an event up by that column (Axon's storage
-- engine reads a ledger by aggregate identifier and sequence, the processors by global index, the audit by either),
-- and each identifier is a random UUID, so the index was a random-order b-tree insert on every event appended, a
-- fifth of the cost of inserting an event row (docs/performance.md). What guards the ledger stays: one event per
-- ledger and sequence number (domain_event_entry_aggregate_sequence_uk, the guard against two writers) and one row per
-- global index (the primary key). The event id that consumers and JetStream de-duplicate by is the one in the payload
-- (event_id), which this index never covered.
ALTER TABLE domain_event_entry DROP CONSTRAINT IF EXISTS domain_event_entry_event_identifier_uk;
