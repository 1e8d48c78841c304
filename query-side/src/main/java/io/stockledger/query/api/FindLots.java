package io.stockledger.query.api;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The lots matching a filter; every field may be null (no filter) but at least one of product and warehouse is set.
 * {@code status} is one of ACTIVE, QUARANTINED, EXPIRED, DEPLETED; {@code expiringBefore} keeps lots whose expiry
 * date is before it (lots that never expire are left out). Status is judged at {@code today}.
 */
public record FindLots(UUID productId, UUID warehouseId, String status, LocalDate expiringBefore, LocalDate today,
                       int limit) {
}
