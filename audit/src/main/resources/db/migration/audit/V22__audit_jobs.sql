-- Audit jobs (docs/audit.md): hash-chain verifications, reconciliations of the read models with the event store, and
-- read-model rebuilds run in the background. Their progress and what they found live here, so any instance answers
-- GET /v1/audit/jobs/{job_id}, and the record of a verification outlives the request that started it.
CREATE TABLE audit_job (
    job_id                   UUID         NOT NULL,
    kind                     VARCHAR(16)  NOT NULL,
    -- the scope: both null for the whole store, a warehouse, or one ledger
    product_id               UUID,
    warehouse_id             UUID,
    status                   VARCHAR(16)  NOT NULL,
    phase                    VARCHAR(32)  NOT NULL,
    requested_by             VARCHAR(255) NOT NULL,
    trace_id                 VARCHAR(128),
    -- the instance running it; it refreshes heartbeat_at every few seconds while it does
    instance_id              VARCHAR(64)  NOT NULL,
    started_at               TIMESTAMPTZ  NOT NULL,
    heartbeat_at             TIMESTAMPTZ  NOT NULL,
    finished_at              TIMESTAMPTZ,
    events_total             BIGINT,
    events_read              BIGINT       NOT NULL DEFAULT 0,
    ledgers_checked          BIGINT       NOT NULL DEFAULT 0,
    findings                 BIGINT       NOT NULL DEFAULT 0,
    position                 BIGINT,
    unchained_events         BIGINT,
    chain_start_global_index BIGINT,
    error                    TEXT,
    CONSTRAINT audit_job_pk PRIMARY KEY (job_id)
);
-- at most one rebuild of the read models runs at a time, across every instance
CREATE UNIQUE INDEX audit_job_one_running_rebuild ON audit_job (kind) WHERE kind = 'REBUILD' AND status = 'RUNNING';

CREATE TABLE audit_finding (
    job_id               UUID         NOT NULL,
    finding_no           BIGINT       NOT NULL,
    kind                 VARCHAR(32)  NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    product_id           UUID,
    warehouse_id         UUID,
    sequence_number      BIGINT,
    global_index         BIGINT,
    field                VARCHAR(64),
    expected             TEXT,
    actual               TEXT,
    detail               TEXT         NOT NULL,
    CONSTRAINT audit_finding_pk PRIMARY KEY (job_id, finding_no),
    CONSTRAINT audit_finding_job_fk FOREIGN KEY (job_id) REFERENCES audit_job (job_id) ON DELETE CASCADE
);
