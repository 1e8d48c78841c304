-- A journal row of a reservation made for a line of an order names the order and the line (the reservation events
-- carry order_id and line_id), so an auditor lists an order's movements across all its SKUs and warehouses.
-- Rows written before this migration, and rows of events that belong to no order, keep both NULL.
ALTER TABLE stock_movement ADD COLUMN order_id VARCHAR(128);
ALTER TABLE stock_movement ADD COLUMN line_id VARCHAR(64);
CREATE INDEX stock_movement_order_idx ON stock_movement (order_id, global_position) WHERE order_id IS NOT NULL;
