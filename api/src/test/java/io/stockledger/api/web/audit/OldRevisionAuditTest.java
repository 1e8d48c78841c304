package io.stockledger.api.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockledger.api.support.AuditJobRuns;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.events.StockReceived;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event stored in an older revision of its contract is read by the auditors as the live projections read it:
 * upcast. The store here holds a receipt of a made-up revision 0, in which the quantity was called {@code units};
 * an upcaster turns it into revision 1. Read as raw JSON it would have no quantity at all.
 */
@Import(OldRevisionAuditTest.RevisionZeroReceipts.class)
class OldRevisionAuditTest extends ServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The upcaster of revision 0 receipts, among the service's own. */
    @TestConfiguration
    static class RevisionZeroReceipts {

        @Bean
        EventUpcaster revisionZeroReceipts() {
            return new SingleEventUpcaster() {
                @Override
                protected boolean canUpcast(IntermediateEventRepresentation event) {
                    return StockReceived.class.getName().equals(event.getType().getName())
                            && "0".equals(event.getType().getRevision());
                }

                @Override
                protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
                    return event.upcastPayload(new SimpleSerializedType(StockReceived.class.getName(), "1"),
                            JsonNode.class, payload -> {
                                ObjectNode receipt = (ObjectNode) payload;
                                receipt.set("quantity", receipt.remove("units"));
                                return receipt;
                            });
                }
            };
        }
    }

    @Test
    void theAsOfBalancesAndTheReconciliationSeeAnOldRevisionAsTheLiveProjectionsDo() throws Exception {
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        assertThat(client.receive(product, warehouse, 10).status()).isEqualTo(200);
        storeRevisionZeroReceipt(product + ":" + warehouse, 7);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(client.stock(product, warehouse).number("on_hand")).as("the live read model")
                        .isEqualTo(17));

        Instant now = Instant.now();
        Response asOf = client.get("/v1/ledger/" + product + "/" + warehouse + "/balance?as_of=" + now);
        assertThat(asOf.status()).as(asOf.raw()).isEqualTo(200);
        assertThat(asOf.number("on_hand")).isEqualTo(17);
        assertThat(asOf.number("available")).isEqualTo(17);
        assertThat(asOf.number("sequence_number")).isEqualTo(1);
        Response warehouseAsOf = client.get("/v1/stock?warehouse_id=" + warehouse + "&as_of=" + now);
        assertThat(warehouseAsOf.status()).as(warehouseAsOf.raw()).isEqualTo(200);
        assertThat(warehouseAsOf.body().path("balances").get(0).path("on_hand").asLong()).isEqualTo(17);

        // the read models have both events (above), so both are compared with the replay at sequence 1
        JsonNode reconcile = AuditJobRuns.run(client, "/v1/audit/reconcile",
                Map.of("product_id", product.toString(), "warehouse_id", warehouse.toString()));
        assertThat(reconcile.path("status").asText()).as(reconcile.toString()).isEqualTo("SUCCEEDED");
        assertThat(reconcile.path("findings").asLong()).as(reconcile.toString()).isZero();
        assertThat(reconcile.path("events_read").asLong()).isEqualTo(2);
    }

    /**
     * Appends, as the ledger's next event, a receipt of {@code units} written as revision 0 would have been: the
     * ledger's first receipt with its quantity renamed, a new event id and key.
     */
    private void storeRevisionZeroReceipt(String ledger, int units) throws Exception {
        Map<String, Object> first = jdbc.queryForMap("""
                SELECT type, time_stamp, payload_type, payload, meta_data FROM domain_event_entry
                 WHERE aggregate_identifier = ? AND sequence_number = 0""", ledger);
        ObjectNode receipt = (ObjectNode) JSON.readTree((byte[]) first.get("payload"));
        UUID eventId = UUID.randomUUID();
        receipt.put("event_id", eventId.toString());
        receipt.put("idempotency_key", "revision-zero-" + eventId);
        receipt.remove("quantity");
        receipt.put("units", units);
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, 1, ?, ?, ?, '0', ?, ?)""", eventId.toString(), ledger, first.get("type"),
                first.get("time_stamp"), first.get("payload_type"), JSON.writeValueAsBytes(receipt),
                first.get("meta_data"));
    }
}
