package io.stockledger.api.expiry;

import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceInstance;
import io.stockledger.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A reservation whose deadline passed while the service was down is expired right after it starts again. */
class ExpiryAcrossRestartTest {

    @Test
    void aReservationThatExpiredWhileTheServiceWasDownIsExpiredAfterTheRestart() {
        TestDatabase database = TestDatabase.createFresh();
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        String reservation;
        try (ServiceInstance before = ServiceInstance.on(database)) {
            before.client().receive(product, warehouse, 10);
            reservation = before.client().post("/v1/reserve",
                    LedgerClient.reserveBody(product, warehouse, 6, LedgerClient.key(), 60)).text("reservation_id");
        }

        // the service comes back five minutes later, as far as its clock is concerned
        try (ServiceInstance after = ServiceInstance.on(database, "--ledger.clock.offset=PT5M")) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(after.client().get("/v1/reservations/" + reservation).text("status"))
                        .isEqualTo("EXPIRED");
                assertThat(after.client().stock(product, warehouse).number("available")).isEqualTo(10);
            });
        }
    }
}
