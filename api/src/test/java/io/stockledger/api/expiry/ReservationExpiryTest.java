package io.stockledger.api.expiry;

import io.stockledger.api.support.AdjustableClock;
import io.stockledger.api.support.AdjustableClockConfiguration;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reservations expire by time even when nobody touches their SKU again; time is moved, not waited for. */
@Import(AdjustableClockConfiguration.class)
@TestPropertySource(properties = "ledger.expiry.sweep-interval=200ms")
class ReservationExpiryTest extends ServiceIntegrationTest {

    @Autowired
    private AdjustableClock clock;

    @Autowired
    private Clock ledgerClock;

    @Test
    void anUntouchedReservationExpiresAfterItsDeadlineAndItsUnitsComeBack() {
        assertThat(ledgerClock).as("the ledger runs on the test's clock").isSameAs(clock);
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        client.receive(product, warehouse, 10);
        String reservation = client.post("/v1/reserve",
                LedgerClient.reserveBody(product, warehouse, 4, LedgerClient.key(), 60)).text("reservation_id");
        await().atMost(Duration.ofSeconds(5)).until(() -> client.stock(product, warehouse).number("reserved") == 4);

        clock.advance(Duration.ofSeconds(61));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(client.get("/v1/reservations/" + reservation).text("status")).isEqualTo("EXPIRED");
            assertThat(client.stock(product, warehouse).number("available")).isEqualTo(10);
        });
        LedgerClient.Response confirm = client.confirm(reservation);
        assertThat(confirm.status()).isEqualTo(409);
        assertThat(confirm.text("code")).isEqualTo("RESERVATION_EXPIRED");
        assertThat(client.release(reservation).text("status")).as("release reports the expiry").isEqualTo("EXPIRED");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?
                   AND payload_type = 'io.stockledger.events.ReservationExpired'""", Long.class,
                product + ":" + warehouse)).as("expired exactly once").isEqualTo(1);
    }

    @Test
    void confirmingAfterTheDeadlineIs409EvenBeforeTheSweepRan() {
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        client.receive(product, warehouse, 10);
        String reservation = client.post("/v1/reserve",
                LedgerClient.reserveBody(product, warehouse, 4, LedgerClient.key(), 3600)).text("reservation_id");

        clock.advance(Duration.ofSeconds(3600));
        LedgerClient.Response confirm = client.confirm(reservation);

        assertThat(confirm.status()).isEqualTo(409);
        assertThat(confirm.text("code")).isEqualTo("RESERVATION_EXPIRED");
    }
}
