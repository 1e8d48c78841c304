package io.stockledger.eventstore.chain;

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
        // fed to the digest field by field: appends hash every event, so no intermediate copy of the encoding
        MessageDigest digest = sha256();
        digest.update(HEADER_LINE);
        field(digest, PREVIOUS_HASH, previousHash);
        field(digest, AGGREGATE_IDENTIFIER, aggregateIdentifier);
        field(digest, SEQUENCE_NUMBER, Long.toString(sequenceNumber));
        field(digest, EVENT_IDENTIFIER, eventIdentifier);
        field(digest, AGGREGATE_TYPE, aggregateType);
        field(digest, PAYLOAD_TYPE, payloadType);
        field(digest, PAYLOAD_REVISION, payloadRevision);
        field(digest, TIME_STAMP, timestamp);
        field(digest, ACTOR, actor);
        field(digest, TRACE_ID, traceId);
        field(digest, PAYLOAD, payload);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static final byte[] HEADER_LINE = (HEADER + "\n").getBytes(StandardCharsets.UTF_8);
    private static final byte[] PREVIOUS_HASH = name("previous_hash");
    private static final byte[] AGGREGATE_IDENTIFIER = name("aggregate_identifier");
    private static final byte[] SEQUENCE_NUMBER = name("sequence_number");
    private static final byte[] EVENT_IDENTIFIER = name("event_identifier");
    private static final byte[] AGGREGATE_TYPE = name("aggregate_type");
    private static final byte[] PAYLOAD_TYPE = name("payload_type");
    private static final byte[] PAYLOAD_REVISION = name("payload_revision");
    private static final byte[] TIME_STAMP = name("time_stamp");
    private static final byte[] ACTOR = name("actor");
    private static final byte[] TRACE_ID = name("trace_id");
    private static final byte[] PAYLOAD = name("payload");

    /** {@code name=}, the start of a field. */
    private static byte[] name(String name) {
        return (name + "=").getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void field(MessageDigest digest, byte[] name, String value) {
        field(digest, name, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code name=<length>:<bytes>\n} */
    private static void field(MessageDigest digest, byte[] name, byte[] value) {
        digest.update(name);
        digest.update(Integer.toString(value.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(value);
        digest.update((byte) '\n');
    }
}
