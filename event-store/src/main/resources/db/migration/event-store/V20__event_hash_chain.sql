-- Tamper evidence (docs/audit.md): from this version on, every event carries in its metadata ("chain_hash") a SHA-256
-- hash chained to the previous event of its ledger. Events already in the store when this migration ran were written
-- without one and stay as they are (rewriting stored events to add it would be the very thing the chain exists to
-- reveal). This row records where the chain begins: an event at or after this global index without a hash has had
-- it removed, one before it is a legacy event that no hash covers. Verifications report both.
CREATE TABLE event_chain_start (
    singleton                  BOOLEAN     NOT NULL DEFAULT TRUE,
    first_chained_global_index BIGINT      NOT NULL,
    recorded_at                TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT event_chain_start_pk PRIMARY KEY (singleton),
    CONSTRAINT event_chain_start_one_row CHECK (singleton)
);

INSERT INTO event_chain_start (first_chained_global_index)
SELECT coalesce(max(global_index), 0) + 1 FROM domain_event_entry;
