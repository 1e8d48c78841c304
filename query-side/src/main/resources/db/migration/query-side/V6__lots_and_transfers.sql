-- Read models for lots and transfers (issue #3). Disposable like the others: rebuilt by replaying the store.

-- One row per lot of a SKU. Status is not stored: EXPIRED depends on the date a reader asks at.
CREATE TABLE stock_lot (
    product_id        UUID          NOT NULL,
    warehouse_id      UUID          NOT NULL,
    batch_number      VARCHAR(64)   NOT NULL,
    expiry_date       DATE,
    received_at       TIMESTAMPTZ   NOT NULL,
    location          VARCHAR(64),
    unit_cost         NUMERIC(19, 4),
    quantity          BIGINT        NOT NULL,
    reserved          BIGINT        NOT NULL,
    quarantine_reason VARCHAR(500),
    last_sequence     BIGINT        NOT NULL,
    updated_at        TIMESTAMPTZ   NOT NULL,
    CONSTRAINT stock_lot_pk PRIMARY KEY (product_id, warehouse_id, batch_number)
);
CREATE INDEX stock_lot_warehouse_expiry_idx ON stock_lot (warehouse_id, expiry_date);

-- Which lots a pending reservation holds, so the lot rows can be given back when it is confirmed.
ALTER TABLE reservation ADD COLUMN lots JSONB;

-- Which lots each journal row moved (null for rows that move no units).
ALTER TABLE stock_movement ADD COLUMN lots JSONB;

-- One row per transfer between warehouses.
CREATE TABLE stock_transfer (
    transfer_id       UUID          NOT NULL,
    product_id        UUID          NOT NULL,
    from_warehouse_id UUID          NOT NULL,
    to_warehouse_id   UUID          NOT NULL,
    quantity          INTEGER       NOT NULL,
    lots              JSONB         NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    reason            VARCHAR(500),
    requester_id      VARCHAR(255),
    shipped_at        TIMESTAMPTZ,
    completed_at      TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ   NOT NULL,
    CONSTRAINT stock_transfer_pk PRIMARY KEY (transfer_id)
);
CREATE INDEX stock_transfer_inbound_idx ON stock_transfer (product_id, to_warehouse_id) WHERE status = 'IN_TRANSIT';
CREATE INDEX stock_transfer_outbound_idx ON stock_transfer (product_id, from_warehouse_id) WHERE status = 'IN_TRANSIT';
