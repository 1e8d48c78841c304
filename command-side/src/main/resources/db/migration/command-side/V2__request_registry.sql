-- Command-side bookkeeping written in the same transaction as the event it belongs to:
-- every idempotency key, claimed once and forever, and the ledger that holds each reservation.
CREATE TABLE ledger_request (
    idempotency_key VARCHAR(128) NOT NULL,
    operation       VARCHAR(16)  NOT NULL,
    product_id      UUID         NOT NULL,
    warehouse_id    UUID         NOT NULL,
    reservation_id  UUID,
    claimed_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT ledger_request_pk PRIMARY KEY (idempotency_key),
    CONSTRAINT ledger_request_reservation_uk UNIQUE (reservation_id)
);
