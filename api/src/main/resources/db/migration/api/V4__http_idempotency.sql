-- Responses to requests sent with an Idempotency-Key header: the fallback store when Redis is down or not
-- configured (REDIS_URL unset). A row is IN_FLIGHT while its first request runs, then COMPLETED with the response.
CREATE TABLE http_idempotency (
    idempotency_key VARCHAR(255) NOT NULL,
    fingerprint     CHAR(64)     NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    status          INTEGER,
    content_type    VARCHAR(255),
    body            BYTEA,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT http_idempotency_pk PRIMARY KEY (idempotency_key)
);
CREATE INDEX http_idempotency_expiry_idx ON http_idempotency (expires_at);
