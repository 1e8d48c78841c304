package io.stockledger.query.transfer;

import io.stockledger.query.ReadModels;
import io.stockledger.query.Sku;
import io.stockledger.query.api.FindTransfer;
import io.stockledger.query.api.TransferView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code stock_transfer} read model: in transit from the shipment, then received or returned. */
class TransferProjectionTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final LocalDate EXPIRY = LocalDate.parse("2027-01-31");

    @RegisterExtension
    static final ReadModels readModels = ReadModels.onFreshDatabase(Clock.fixed(NOW, ZoneOffset.UTC));
    private static final TransferProjection transfers = readModels.bean(TransferProjection.class);

    private static TransferView find(UUID transferId) {
        return transfers.handle(new FindTransfer(transferId)).orElseThrow();
    }

    @Test
    void aShipmentIsInTransitUntilTheDestinationReceivesIt() {
        Sku source = Sku.fresh(NOW);
        UUID destination = UUID.randomUUID();
        UUID transfer = UUID.randomUUID();
        readModels.apply(source.received(10, "L7", EXPIRY), source.shipped(transfer, destination, 6, "L7", EXPIRY));
        TransferView inTransit = find(transfer);
        assertThat(inTransit.status()).isEqualTo("IN_TRANSIT");
        assertThat(inTransit.quantity()).isEqualTo(6);
        assertThat(inTransit.fromWarehouseId()).isEqualTo(source.warehouseId());
        assertThat(inTransit.toWarehouseId()).isEqualTo(destination);
        assertThat(inTransit.lots()).singleElement().satisfies(lot -> {
            assertThat(lot.batchNumber()).isEqualTo("L7");
            assertThat(lot.expiryDate()).isEqualTo(EXPIRY);
        });

        readModels.apply(source.in(destination).after(Duration.ofSeconds(2))
                .transferReceived(transfer, source.warehouseId(), 6, "L7", EXPIRY));
        TransferView received = find(transfer);
        assertThat(received.status()).isEqualTo("RECEIVED");
        assertThat(received.completedAt()).isEqualTo(NOW.plusSeconds(2));
        assertThat(received.shippedAt()).isEqualTo(NOW);
    }

    @Test
    void aShipmentTheDestinationRefusedComesBackWithItsReason() {
        Sku source = Sku.fresh(NOW);
        UUID destination = UUID.randomUUID();
        UUID transfer = UUID.randomUUID();
        readModels.apply(source.received(10, "L8", null), source.shipped(transfer, destination, 4, "L8", null),
                source.transferReturned(transfer, destination, 4, "L8", null));
        TransferView returned = find(transfer);
        assertThat(returned.status()).isEqualTo("RETURNED");
        assertThat(returned.reason()).startsWith("LOT_EXPIRY_MISMATCH");
    }
}
