-- GET /v1/stock?warehouse_id=&as_of= (and audits scoped to a warehouse) read every event of one warehouse, ledger by
-- ledger, each in sequence order. The aggregate identifier is <product_id>:<warehouse_id>, so the warehouse is the
-- part after the colon; this index finds one warehouse's events and hands them over already in that order, instead of
-- a scan and a sort of the whole store.
--
-- Built plainly, which blocks appends while it builds (seconds per million events). On a large store, build it first
-- without blocking, by hand, and this migration then finds it and does nothing:
--   CREATE INDEX CONCURRENTLY domain_event_entry_warehouse_idx
--       ON domain_event_entry (split_part(aggregate_identifier, ':', 2), aggregate_identifier, sequence_number);
-- (Not CONCURRENTLY here: inside Flyway it waits forever on Flyway's own open transaction unless every Flyway run sets
-- postgresql.transactional.lock=false.)
CREATE INDEX IF NOT EXISTS domain_event_entry_warehouse_idx
    ON domain_event_entry (split_part(aggregate_identifier, ':', 2), aggregate_identifier, sequence_number);
