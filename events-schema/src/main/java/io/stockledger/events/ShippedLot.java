package io.stockledger.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Units of one lot travelling between warehouses, with what the destination needs to recreate the lot: its number,
 * expiry and unit cost travel with the goods. {@code location} is where they were picked at the source.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShippedLot(String batchNumber, int quantity, LocalDate expiryDate, String location,
                         BigDecimal unitCost) {

    public LotQuantity asLotQuantity() {
        return new LotQuantity(batchNumber, quantity);
    }
}
