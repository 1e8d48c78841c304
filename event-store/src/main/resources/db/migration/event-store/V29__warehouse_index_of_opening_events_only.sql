-- A warehouse's events (GET /v1/stock?warehouse_id=&as_of=, audits scoped to a warehouse) are found in two steps: the
-- warehouse's ledgers, by their opening event (sequence 0, which every ledger has), then each ledger's events by the
-- store's own (aggregate_identifier, sequence_number) key. So this index holds one entry per ledger instead of one per
-- event: V21's index had every append insert a third, wide entry (two copies of the aggregate identifier) at a random
-- place (docs/performance.md).
--
-- Built plainly, which blocks appends while it builds (it reads the whole store once, writes an entry per ledger). On
-- a large store, build it first without blocking, by hand, and this migration then finds it and only drops V21's:
--   CREATE INDEX CONCURRENTLY domain_event_entry_opening_by_warehouse_idx
--       ON domain_event_entry (split_part(aggregate_identifier, ':', 2), aggregate_identifier)
--       WHERE sequence_number = 0;
CREATE INDEX IF NOT EXISTS domain_event_entry_opening_by_warehouse_idx
    ON domain_event_entry (split_part(aggregate_identifier, ':', 2), aggregate_identifier)
    WHERE sequence_number = 0;
DROP INDEX IF EXISTS domain_event_entry_warehouse_idx;
