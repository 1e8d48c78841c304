package io.stockledger.api.web.audit;

import io.stockledger.api.web.AnsweredProductId;
import io.stockledger.api.web.AnsweredWarehouseId;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.stockledger.audit.api.BalanceAsOfView;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** {@code GET /v1/ledger/{product_id}/{warehouse_id}/balance}: a balance as it stood at an instant. */
@Schema(name = "LedgerBalanceAsOf", description = "The balance of a product in a warehouse at a past instant.")
public record LedgerBalanceResponse(
        @AnsweredProductId UUID productId,
        @AnsweredWarehouseId UUID warehouseId,
        @AsOfInstant Instant asOf,
        @OnHandThen long onHand,
        @ReservedThen long reserved,
        @AvailableThen long available,
        @BlockedThen long blocked,
        @Schema(requiredMode = REQUIRED, types = {"integer", "null"}, format = "int64", description = """
                The last ledger event applied; `null` when the ledger's first event came after `as_of` (the \
                balance is then all zeros).""")
        @JsonInclude(JsonInclude.Include.ALWAYS)
        Long sequenceNumber) {

    static LedgerBalanceResponse of(BalanceAsOfView view) {
        return new LedgerBalanceResponse(view.productId(), view.warehouseId(), view.asOf(), view.onHand(),
                view.reserved(), view.available(), view.blocked(), view.sequenceNumber());
    }
}
