package io.stockledger.api.transfer;

import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceInstance;
import io.stockledger.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A transfer interrupted by a restart: shipped by an instance whose transfer process is paused (so the units are
 * certainly in transit when it stops), then delivered by the next instance, which takes over from the process's
 * token. In transit, the units are on neither warehouse's on hand or available stock.
 */
class TransferAcrossRestartTest {

    @Test
    void aTransferInTransitAtShutdownIsDeliveredAfterTheRestart() {
        TestDatabase database = TestDatabase.createFresh();
        UUID product = UUID.randomUUID();
        UUID source = UUID.randomUUID();
        UUID destination = UUID.randomUUID();
        String transfer;
        try (ServiceInstance before = ServiceInstance.on(database, "--ledger.transfers.process-enabled=false")) {
            LedgerClient client = before.client();
            client.receive(product, source, 10);
            transfer = client.post("/v1/transfers", Map.of("product_id", product.toString(),
                    "from_warehouse_id", source.toString(), "to_warehouse_id", destination.toString(),
                    "quantity", 6, "idempotency_key", LedgerClient.key())).text("transfer_id");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                LedgerClient.Response from = client.stock(product, source);
                assertThat(from.number("on_hand")).isEqualTo(4);
                assertThat(from.number("available")).isEqualTo(4);
                assertThat(from.number("in_transit_out")).isEqualTo(6);
                assertThat(client.get("/v1/transfers/" + transfer).text("status")).isEqualTo("IN_TRANSIT");
            });
            LedgerClient.Response to = client.stock(product, destination);
            assertThat(to.number("on_hand")).as("nothing arrived yet").isZero();
            assertThat(to.number("available")).isZero();
            assertThat(to.number("in_transit_in")).isEqualTo(6);
        }

        try (ServiceInstance after = ServiceInstance.on(database)) {
            LedgerClient client = after.client();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(client.get("/v1/transfers/" + transfer).text("status")).isEqualTo("RECEIVED");
                LedgerClient.Response to = client.stock(product, destination);
                assertThat(to.number("on_hand")).isEqualTo(6);
                assertThat(to.number("available")).isEqualTo(6);
                assertThat(client.stock(product, source).number("in_transit_out")).isZero();
            });
            assertThat(client.stock(product, source).number("on_hand")).as("conserved").isEqualTo(4);
        }
    }
}
