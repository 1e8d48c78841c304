-- GET /v1/stock?warehouse_id=&as_of= (and audits scoped to a warehouse) read every event of one warehouse, ledger by
-- ledger, each in sequence order. The aggregate identifier is <product_id>:<warehouse_id>, so the warehouse is the
-- part after the colon; this index finds one warehouse's events and hands them over already in that order, instead of
-- a scan and a sort of the whole store.
-- CONCURRENTLY, so that building it on a large store does not block appends; Flyway runs such a statement outside a
-- transaction, which is why it is alone in this migration.
CREATE INDEX CONCURRENTLY IF NOT EXISTS domain_event_entry_warehouse_idx
    ON domain_event_entry (split_part(aggregate_identifier, ':', 2), aggregate_identifier, sequence_number);
