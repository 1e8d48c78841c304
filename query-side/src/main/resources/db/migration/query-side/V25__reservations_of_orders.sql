-- A reservation made for a line of an order names the order and the line (reservation events carry order_id and
-- line_id), so an order's reservations are found together.
ALTER TABLE reservation ADD COLUMN order_id VARCHAR(128);
ALTER TABLE reservation ADD COLUMN line_id VARCHAR(64);
CREATE INDEX reservation_order_idx ON reservation (order_id) WHERE order_id IS NOT NULL;
