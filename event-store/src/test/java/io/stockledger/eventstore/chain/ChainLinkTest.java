package io.stockledger.eventstore.chain;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash is what auditors recompute from docs/audit.md, so it is checked here against the documented encoding
 * written out plainly: {@code stock-ledger-event-chain-v1\n}, then {@code name=<length>:<bytes>\n} per field.
 */
class ChainLinkTest {

    @Test
    void theHashIsSha256OfTheDocumentedEncoding() throws Exception {
        byte[] payload = "{\"quantity\":3,\"note\":\"caf\u00e9 \u2615\"}".getBytes(StandardCharsets.UTF_8);
        ChainLink link = new ChainLink(ChainLink.GENESIS, "p:w", 41, "e-1", "StockLedger", "ReservationRequested",
                "2", "2026-11-29T10:00:00.123Z", "checkout", null, payload);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("stock-ledger-event-chain-v1\n".getBytes(StandardCharsets.UTF_8));
        String[][] fields = {{"previous_hash", ChainLink.GENESIS}, {"aggregate_identifier", "p:w"},
                {"sequence_number", "41"}, {"event_identifier", "e-1"}, {"aggregate_type", "StockLedger"},
                {"payload_type", "ReservationRequested"}, {"payload_revision", "2"},
                {"time_stamp", "2026-11-29T10:00:00.123Z"}, {"actor", "checkout"}, {"trace_id", ""}};
        for (String[] field : fields) {
            byte[] value = field[1].getBytes(StandardCharsets.UTF_8);
            expected.writeBytes((field[0] + "=" + value.length + ":").getBytes(StandardCharsets.UTF_8));
            expected.writeBytes(value);
            expected.write('\n');
        }
        expected.writeBytes(("payload=" + payload.length + ":").getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(payload);
        expected.write('\n');
        String documented = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(expected.toByteArray()));

        assertThat(link.hash()).isEqualTo(documented).hasSize(64);
    }

    @Test
    void everyFieldChangesTheHash() {
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        String base = new ChainLink("a", "p:w", 1, "e", "T", "P", "1", "t", "x", "y", payload).hash();

        assertThat(new ChainLink("b", "p:w", 1, "e", "T", "P", "1", "t", "x", "y", payload).hash()).isNotEqualTo(base);
        assertThat(new ChainLink("a", "p:w", 2, "e", "T", "P", "1", "t", "x", "y", payload).hash()).isNotEqualTo(base);
        assertThat(new ChainLink("a", "p:w", 1, "e", "T", "P", "1", "t", null, "y", payload).hash())
                .isNotEqualTo(base);
        assertThat(new ChainLink("a", "p:w", 1, "e", "T", "P", "1", "t", "x", "y",
                "{ }".getBytes(StandardCharsets.UTF_8)).hash()).isNotEqualTo(base);
    }
}
