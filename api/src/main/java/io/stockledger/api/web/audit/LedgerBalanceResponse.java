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
        @Schema(requiredMode = REQUIRED, description = "The instant asked for.") Instant asOf,
        @Schema(requiredMode = REQUIRED, description = "Units physically in stock then.", example = "88")
        long onHand,
        @Schema(requiredMode = REQUIRED, description = "Units held by pending reservations then.", example = "0")
        long reserved,
        @Schema(requiredMode = REQUIRED, description = "`on_hand` minus `reserved` minus `blocked`.", example = "88")
        long available,
        @Schema(requiredMode = REQUIRED, description = """
                Unreserved units then in quarantined lots or in lots expired by that date.""", example = "0")
        long blocked,
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
