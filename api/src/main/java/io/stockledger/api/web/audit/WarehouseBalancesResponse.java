package io.stockledger.api.web.audit;

import io.stockledger.api.web.AnsweredProductId;
import io.stockledger.api.web.AnsweredWarehouseId;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.stockledger.audit.api.BalanceAsOfView;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * {@code GET /v1/stock?warehouse_id=&as_of=}: what the streamed answer looks like once complete. The service never
 * builds this record (it writes the fields as the ledgers are folded, see {@link WarehouseBalancesExport}); it exists
 * for the OpenAPI document, and its {@link Balance} is what each array element is written from.
 */
@Schema(name = "WarehouseBalancesAsOf", description = "Every ledger of a warehouse as it stood at a past instant.")
public record WarehouseBalancesResponse(
        @AnsweredWarehouseId UUID warehouseId,
        @AsOfInstant Instant asOf,
        @Schema(requiredMode = REQUIRED, description = """
                One balance per product that had an event in this warehouse by `as_of`, in product id order \
                (as text).""")
        List<Balance> balances,
        @Schema(requiredMode = REQUIRED, description = """
                How many balances were written: the last field, so a complete answer can be told from a cut-off one \
                even by a client that does not parse JSON strictly.""")
        long ledgerCount) {

    /** One ledger at {@code as_of}: the fields of {@code LedgerBalanceAsOf} but the instant. */
    @Schema(name = "WarehouseBalanceAsOf", description = "One product's balance in the warehouse at `as_of`.")
    public record Balance(
            @AnsweredProductId UUID productId,
            @AnsweredWarehouseId UUID warehouseId,
            @OnHandThen long onHand,
            @ReservedThen long reserved,
            @AvailableThen long available,
            @BlockedThen long blocked,
            @Schema(requiredMode = REQUIRED, description = "The last ledger event applied.", example = "41")
            @JsonInclude(JsonInclude.Include.ALWAYS)
            long sequenceNumber) {

        static Balance of(BalanceAsOfView view) {
            return new Balance(view.productId(), view.warehouseId(), view.onHand(), view.reserved(),
                    view.available(), view.blocked(), view.sequenceNumber());
        }
    }
}
