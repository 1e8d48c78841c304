package io.stockledger.api.audit.chain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One event as the hash chain sees it, and the one definition of its hash: what the storage engine seals at append
 * time ({@link HashChainingStorageEngine}) and what a verification recomputes from the stored row
 * ({@link ChainVerification}). docs/audit.md states the same definition for auditors who recompute it themselves.
 *
 * <p>The hash is SHA-256 over a canonical encoding: the line {@value #HEADER}, then each field below, in this order,
 * as {@code name=<length>:<bytes>\n}, where {@code <length>} is the number of bytes in decimal and text is UTF-8. An
 * absent value is 0 bytes. Length prefixes make the encoding unambiguous whatever bytes a field holds.
 *
 * @param previousHash        the previous event's hash in the same ledger (64 lowercase hex), or {@link #GENESIS}
 * @param aggregateIdentifier {@code aggregate_identifier}: {@code <product_id>:<warehouse_id>}
 * @param sequenceNumber      {@code sequence_number}, in decimal
 * @param eventIdentifier     {@code event_identifier}
 * @param aggregateType       {@code type}: the aggregate type, {@code StockLedger}
 * @param payloadType         {@code payload_type}: the event type
 * @param payloadRevision     {@code payload_revision}: the event's schema version
 * @param timestamp           {@code time_stamp}, the text exactly as stored
 * @param actor               the metadata's {@code actor}: who caused it
 * @param traceId             the metadata's {@code trace_id}
 * @param payload             {@code payload}: the stored bytes (UTF-8 JSON), as they are, never re-serialised; they
 *                            hold the event's own timestamp, idempotency key, reason code and note
 */
public record ChainLink(String previousHash, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                        String aggregateType, String payloadType, String payloadRevision, String timestamp,
                        String actor, String traceId, byte[] payload) {

    /** The previous hash of a ledger's first chained event. */
    public static final String GENESIS = "0".repeat(64);
    /** The metadata entry that carries an event's hash. */
    public static final String METADATA_KEY = "chain_hash";
    /** First line of the encoding: names the definition, so a later one can never be confused with it. */
    public static final String HEADER = "stock-ledger-event-chain-v1";

    /** This event's hash: 64 lowercase hex characters. */
    public String hash() {
        ByteArrayOutputStream encoding = new ByteArrayOutputStream(payload.length + 512);
        encoding.writeBytes((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        field(encoding, "previous_hash", previousHash);
        field(encoding, "aggregate_identifier", aggregateIdentifier);
        field(encoding, "sequence_number", Long.toString(sequenceNumber));
        field(encoding, "event_identifier", eventIdentifier);
        field(encoding, "aggregate_type", aggregateType);
        field(encoding, "payload_type", payloadType);
        field(encoding, "payload_revision", payloadRevision);
        field(encoding, "time_stamp", timestamp);
        field(encoding, "actor", actor);
        field(encoding, "trace_id", traceId);
        field(encoding, "payload", payload);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoding.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void field(ByteArrayOutputStream out, String name, String value) {
        field(out, name, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(ByteArrayOutputStream out, String name, byte[] value) {
        out.writeBytes((name + "=" + value.length + ":").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(value);
        out.write('\n');
    }
}
