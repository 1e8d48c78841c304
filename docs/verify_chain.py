#!/usr/bin/env python3
"""Recomputes the stock ledger's hash chains from the raw event store, independently of the service.

Python 3 standard library only. Feed it the rows of domain_event_entry, ledger after ledger in sequence order, as
psql prints them (see docs/audit.md, "Recomputing the chain yourself"):

    psql "$DATABASE" -At -F $'\\t' -c "
      SELECT aggregate_identifier, sequence_number, global_index, event_identifier, coalesce(type, ''),
             payload_type, coalesce(payload_revision, ''), time_stamp,
             encode(coalesce(meta_data, ''::bytea), 'hex'), encode(payload, 'hex')
        FROM domain_event_entry ORDER BY aggregate_identifier, sequence_number" \\
      | python3 docs/verify_chain.py "$(psql "$DATABASE" -At -c 'SELECT first_chained_global_index FROM event_chain_start')"

It prints one line per ledger whose chain is broken (its first broken link), then a summary, and exits 1 if any is.
"""
import hashlib
import json
import sys

GENESIS = "0" * 64
HEADER = b"stock-ledger-event-chain-v1\n"


def field(name, value):
    data = value if isinstance(value, bytes) else (value or "").encode("utf-8")
    return name.encode("utf-8") + b"=" + str(len(data)).encode("ascii") + b":" + data + b"\n"


def chain_hash(previous, aggregate, sequence, event_id, aggregate_type, payload_type, revision, time_stamp, meta,
               payload):
    def text(key):
        value = meta.get(key)
        return None if value is None else value if isinstance(value, str) else json.dumps(value)

    encoding = (HEADER + field("previous_hash", previous) + field("aggregate_identifier", aggregate)
                + field("sequence_number", str(sequence)) + field("event_identifier", event_id)
                + field("aggregate_type", aggregate_type) + field("payload_type", payload_type)
                + field("payload_revision", revision) + field("time_stamp", time_stamp)
                + field("actor", text("actor")) + field("trace_id", text("trace_id")) + field("payload", payload))
    return hashlib.sha256(encoding).hexdigest()


def main():
    chain_start = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    ledgers = broken = events = unchained = 0
    current = None
    for line in sys.stdin:
        columns = line.rstrip("\n").split("\t")
        if len(columns) != 10:
            continue
        aggregate, sequence, global_index = columns[0], int(columns[1]), int(columns[2])
        meta_bytes, payload = bytes.fromhex(columns[8]), bytes.fromhex(columns[9])
        events += 1
        if aggregate != current:
            current, expected, previous, chained, stopped = aggregate, 0, GENESIS, False, False
            ledgers += 1
        if stopped:
            continue
        try:
            meta = json.loads(meta_bytes) if meta_bytes else {}
        except ValueError:
            meta = {}
        stored = meta.get("chain_hash")
        problem = None
        if sequence != expected:
            problem = f"SEQUENCE_GAP: expected sequence {expected}, found {sequence}"
        elif stored is None and not chained and global_index < chain_start:
            unchained += 1
            expected += 1
            continue
        else:
            recomputed = chain_hash(previous, aggregate, sequence, columns[3], columns[4], columns[5], columns[6],
                                    columns[7], meta, payload)
            if stored is None:
                problem = f"MISSING_HASH at sequence {sequence} (global position {global_index})"
            elif stored != recomputed:
                problem = (f"HASH_MISMATCH at sequence {sequence} (global position {global_index}): "
                           f"recomputed {recomputed}, stored {stored}")
            else:
                previous, chained, expected = stored, True, expected + 1
        if problem:
            print(f"{aggregate}: {problem}")
            broken += 1
            stopped = True
    print(f"{ledgers} ledgers, {events} events ({unchained} before the chain began), {broken} broken")
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
