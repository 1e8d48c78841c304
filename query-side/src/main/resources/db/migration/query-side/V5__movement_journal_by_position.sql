-- The auditors' journal reads (GET /v1/ledger/movements, JSON pages and CSV exports) walk one product's rows in
-- global-position order; this index serves them without sorting all of that product's rows first.
CREATE INDEX stock_movement_product_position_idx ON stock_movement (product_id, global_position);
