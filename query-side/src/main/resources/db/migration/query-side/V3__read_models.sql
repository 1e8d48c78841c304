-- Read models. Disposable: every row here can be rebuilt by replaying the event store.
-- Each row remembers the last event applied to it (sequence number or global position), so applying an
-- event a second time changes nothing.

CREATE TABLE stock_balance (
    product_id    UUID        NOT NULL,
    warehouse_id  UUID        NOT NULL,
    on_hand       BIGINT      NOT NULL,
    reserved      BIGINT      NOT NULL,
    available     BIGINT GENERATED ALWAYS AS (on_hand - reserved) STORED,
    last_sequence BIGINT      NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT stock_balance_pk PRIMARY KEY (product_id, warehouse_id)
);

CREATE TABLE reservation (
    reservation_id  UUID         NOT NULL,
    product_id      UUID         NOT NULL,
    warehouse_id    UUID         NOT NULL,
    quantity        INTEGER      NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    idempotency_key VARCHAR(128) NOT NULL,
    requester_id    VARCHAR(255),
    created_at      TIMESTAMPTZ  NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    last_sequence   BIGINT       NOT NULL,
    CONSTRAINT reservation_pk PRIMARY KEY (reservation_id)
);
CREATE INDEX reservation_pending_expiry_idx ON reservation (expires_at) WHERE status = 'PENDING';
CREATE INDEX reservation_sku_idx ON reservation (product_id, warehouse_id);

-- The movement journal: one row per ledger event, with its effect on on hand and on reserved.
CREATE TABLE stock_movement (
    global_position BIGINT       NOT NULL,
    event_id        UUID         NOT NULL,
    product_id      UUID         NOT NULL,
    warehouse_id    UUID         NOT NULL,
    sequence_number BIGINT       NOT NULL,
    movement_type   VARCHAR(16)  NOT NULL,
    on_hand_delta   INTEGER      NOT NULL,
    reserved_delta  INTEGER      NOT NULL,
    reservation_id  UUID,
    reason          VARCHAR(64),
    note            VARCHAR(500),
    requester_id    VARCHAR(255),
    trace_id        VARCHAR(128),
    occurred_at     TIMESTAMPTZ  NOT NULL,
    CONSTRAINT stock_movement_pk PRIMARY KEY (global_position),
    CONSTRAINT stock_movement_event_uk UNIQUE (event_id)
);
CREATE INDEX stock_movement_sku_time_idx ON stock_movement (product_id, warehouse_id, occurred_at);
