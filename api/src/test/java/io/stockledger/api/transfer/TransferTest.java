package io.stockledger.api.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Transfers between two warehouses over HTTP: delivered into the same lots, or returned when refused. */
class TransferTest extends ServiceIntegrationTest {

    private final UUID product = UUID.randomUUID();
    private final UUID source = UUID.randomUUID();
    private final UUID destination = UUID.randomUUID();
    private final LocalDate expiry = LocalDate.now().plusDays(60);

    @Test
    void theDestinationReceivesTheShippedLotsWithTheirNumbersAndExpiry() {
        client.receiveLot(product, source, 10, "SOON", expiry);
        client.receiveLot(product, source, 10, "LATE", expiry.plusDays(30));

        LedgerClient.Response created = client.post("/v1/transfers", transfer(14, null));

        assertThat(created.status()).isEqualTo(202);
        assertThat(created.text("status")).isEqualTo("IN_TRANSIT");
        String id = created.text("transfer_id");
        assertThat(created.header("Location")).isEqualTo("/v1/transfers/" + id);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(client.get("/v1/transfers/" + id).text("status")).isEqualTo("RECEIVED"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(client.stock(product, source).number("on_hand")).isEqualTo(6);
            assertThat(client.stock(product, destination).number("on_hand")).isEqualTo(14);
            assertThat(client.stock(product, source).number("in_transit_out")).isZero();
        });
        JsonNode lots = client.get("/v1/batches?product_id=" + product + "&warehouse_id=" + destination).body()
                .get("batches");
        assertThat(lots).hasSize(2);
        assertThat(lots.get(0).get("batch_number").asText()).isEqualTo("SOON");
        assertThat(lots.get(0).get("quantity").asLong()).isEqualTo(10);
        assertThat(lots.get(0).get("expiry_date").asText()).isEqualTo(expiry.toString());
        assertThat(lots.get(1).get("batch_number").asText()).isEqualTo("LATE");
        assertThat(lots.get(1).get("quantity").asLong()).isEqualTo(4);
        assertThat(lots.get(1).get("expiry_date").asText()).isEqualTo(expiry.plusDays(30).toString());
    }

    @Test
    void aTransferTheDestinationRefusesGoesBackIntoTheSourceLots() {
        client.receiveLot(product, source, 10, "SOON", expiry);
        client.receiveLot(product, destination, 1, "SOON", expiry.plusDays(1));

        String id = client.post("/v1/transfers", transfer(7, "SOON")).text("transfer_id");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            LedgerClient.Response transfer = client.get("/v1/transfers/" + id);
            assertThat(transfer.text("status")).isEqualTo("RETURNED");
            assertThat(transfer.text("reason")).startsWith("LOT_EXPIRY_MISMATCH");
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(client.stock(product, source).number("on_hand")).isEqualTo(10);
            assertThat(client.stock(product, source).number("available")).isEqualTo(10);
            assertThat(client.stock(product, destination).number("on_hand")).isEqualTo(1);
        });
        JsonNode journal = client.get("/v1/ledger/movements?product_id=" + product + "&warehouse_id=" + source)
                .body().get("movements");
        assertThat(journal.findValuesAsText("movement_type")).containsExactly("RECEIPT", "TRANSFER_OUT",
                "TRANSFER_RETURN");
    }

    @Test
    void aRetriedTransferRequestShipsOnce() {
        client.receiveLot(product, source, 10, "SOON", expiry);
        Map<String, Object> body = transfer(4, null);

        LedgerClient.Response first = client.post("/v1/transfers", body);
        LedgerClient.Response retry = client.post("/v1/transfers", body);

        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.text("transfer_id")).isEqualTo(first.text("transfer_id"));
        assertThat(retry.body().get("replayed").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(client.stock(product, destination).number("on_hand")).isEqualTo(4));
        assertThat(client.stock(product, source).number("on_hand")).isEqualTo(6);
    }

    @Test
    void badTransfersAreRefusedWithAReason() {
        client.receiveLot(product, source, 3, "SOON", expiry);
        Map<String, Object> sameWarehouse = transfer(1, null);
        sameWarehouse.put("to_warehouse_id", source.toString());

        LedgerClient.Response same = client.post("/v1/transfers", sameWarehouse);
        LedgerClient.Response tooMany = client.post("/v1/transfers", transfer(4, null));
        LedgerClient.Response unknownLot = client.post("/v1/transfers", transfer(1, "NOPE"));
        LedgerClient.Response unknownTransfer = client.get("/v1/transfers/" + UUID.randomUUID());

        assertThat(same.status()).isEqualTo(422);
        assertThat(same.body().path("errors").findValuesAsText("field")).containsExactly("to_warehouse_id");
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.text("code")).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(unknownLot.status()).isEqualTo(404);
        assertThat(unknownLot.text("code")).isEqualTo("LOT_NOT_FOUND");
        assertThat(unknownTransfer.status()).isEqualTo(404);
        assertThat(unknownTransfer.text("code")).isEqualTo("TRANSFER_NOT_FOUND");
        // a receipt after the refusals: once the read model shows it, it has shown everything written before it
        client.receiveLot(product, source, 1, "SOON", expiry);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(client.stock(product, source).number("on_hand")).as("nothing moved").isEqualTo(4));
    }

    private Map<String, Object> transfer(int quantity, String batch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product_id", product.toString());
        body.put("from_warehouse_id", source.toString());
        body.put("to_warehouse_id", destination.toString());
        body.put("quantity", quantity);
        body.put("idempotency_key", LedgerClient.key());
        if (batch != null) {
            body.put("batch_number", batch);
        }
        return body;
    }
}
