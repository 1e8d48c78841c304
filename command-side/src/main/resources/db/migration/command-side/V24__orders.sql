-- Orders, written in the same transaction as their reservations: what each line was allocated to, so that confirm
-- and release by order id work the instant reserve has returned, on any instance; and the request's key and
-- fingerprint, so that a retry gets the first answer. Kept forever: an order id is single-use.
CREATE TABLE ledger_order (
    order_id        VARCHAR(128) NOT NULL,
    idempotency_key VARCHAR(128) NOT NULL,
    fingerprint     TEXT         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    lines           JSONB        NOT NULL,
    CONSTRAINT ledger_order_pk PRIMARY KEY (order_id)
);

-- An order's idempotency key is claimed in ledger_request like every other key (single-use across all requests),
-- but an order belongs to no one ledger.
ALTER TABLE ledger_request ALTER COLUMN product_id DROP NOT NULL;
ALTER TABLE ledger_request ALTER COLUMN warehouse_id DROP NOT NULL;
