-- Two indexes no query uses, kept up to date by every reservation (issue #7, docs/performance.md):
-- * stock_movement_event_uk: a journal row is keyed by its event's global position (the primary key), which already
--   makes a second delivery of the event change nothing; nothing looks a movement up by event id.
-- * reservation_sku_idx: reservations are found by id, and overdue ones by reservation_pending_expiry_idx; nothing
--   lists a SKU's reservations from this table.
-- Both were random-order b-tree inserts on the hot path of every reservation. Read models only: the event store and
-- the request registry keep every index.
ALTER TABLE stock_movement DROP CONSTRAINT IF EXISTS stock_movement_event_uk;
DROP INDEX IF EXISTS reservation_sku_idx;
