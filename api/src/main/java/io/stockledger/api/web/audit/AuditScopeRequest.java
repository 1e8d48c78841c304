package io.stockledger.api.web.audit;

import io.stockledger.api.web.InvalidParameterException;
import io.stockledger.api.web.Uuids;
import io.stockledger.audit.api.LedgerScope;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;

import java.util.UUID;

/**
 * Body of {@code POST /v1/audit/verify} and {@code POST /v1/audit/reconcile}: which ledgers. No body, or an empty
 * object, means every ledger in the store.
 */
@Schema(name = "AuditScope", description = """
        Which ledgers: both ids for one ledger, only `warehouse_id` for a warehouse, neither (or no body) for the \
        whole store.""")
public record AuditScopeRequest(
        @Schema(format = "uuid", description = "Product identifier; needs `warehouse_id`.")
        @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String productId,
        @Schema(format = "uuid", description = "Warehouse identifier.")
        @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String warehouseId) {

    /** The scope a request names; null means the whole store. */
    static LedgerScope scopeOf(AuditScopeRequest request) {
        if (request == null) {
            return LedgerScope.everything();
        }
        if (request.productId() != null && request.warehouseId() == null) {
            throw new InvalidParameterException("warehouse_id", "is required with product_id");
        }
        return new LedgerScope(request.productId() == null ? null : UUID.fromString(request.productId()),
                request.warehouseId() == null ? null : UUID.fromString(request.warehouseId()));
    }
}
