package io.stockledger.api.web.audit;

import io.stockledger.api.web.AnsweredProductId;
import io.stockledger.api.web.AnsweredWarehouseId;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.stockledger.events.LotQuantity;
import io.stockledger.query.api.MovementPage;
import io.stockledger.events.effect.MovementType;
import io.stockledger.query.api.MovementView;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** {@code GET /v1/ledger/movements} as JSON: a page of the movement journal. */
@Schema(name = "Movements", description = "A page of movement journal rows, in global order.")
public record MovementsResponse(
        @Schema(requiredMode = REQUIRED, description = "The rows, in global order.")
        List<Movement> movements,
        @Schema(requiredMode = REQUIRED, types = {"integer", "null"}, format = "int64", description = """
                Pass as `from_position` (with the same filters) to get the next page; `null` when there is none.""")
        @JsonInclude(JsonInclude.Include.ALWAYS)
        Long nextFromPosition) {

    static MovementsResponse of(MovementPage page) {
        return new MovementsResponse(page.movements().stream().map(Movement::of).toList(), page.nextFromPosition());
    }

    /** One journal row; the CSV export has the same columns, in this order. */
    @Schema(name = "MovementJournalEntry", description = "One event's effect on a ledger's on hand and reserved stock.")
    public record Movement(
            @Schema(requiredMode = REQUIRED, description = "The event's position in the whole event store.")
            long globalPosition,
            @Schema(requiredMode = REQUIRED, description = "The event's id.")
            UUID eventId,
            @AnsweredProductId UUID productId,
            @AnsweredWarehouseId UUID warehouseId,
            @Schema(requiredMode = REQUIRED, description = "The event's sequence number in its ledger.")
            long sequenceNumber,
            @Schema(requiredMode = REQUIRED, implementation = MovementType.class, description = """
                    `RECEIPT`, `ADJUSTMENT`, `RESERVATION`, `SHIPMENT` (a confirmed reservation), `RELEASE`, \
                    `EXPIRY`, `QUARANTINE`, `UNQUARANTINE`, `POLICY_CHANGE`, `TRANSFER_OUT`, `TRANSFER_IN` or \
                    `TRANSFER_RETURN`.""")
            String movementType,
            @Schema(requiredMode = REQUIRED, description = "Change of on-hand stock.", example = "-3")
            int onHandDelta,
            @Schema(requiredMode = REQUIRED, description = "Change of reserved stock.", example = "0")
            int reservedDelta,
            @Schema(description = "The reservation, for reservation movements.")
            UUID reservationId,
            @AdjustmentReasonCode String reason,
            @Schema(description = """
                    The adjustment's note, a quarantine's reason, or where a transfer went to or came from.""")
            String note,
            @Schema(description = "The token subject that caused it.")
            String requesterId,
            @CausingTraceId String traceId,
            @Schema(requiredMode = REQUIRED, description = "When it happened.")
            Instant occurredAt,
            @Schema(description = """
                    The lots whose units moved and how many of each (for a `SHIPMENT`: exactly what the \
                    confirmation consumed). Absent for rows that move no units.""")
            List<LotQuantity> lots,
            @Schema(description = """
                    The order, for the movements of a reservation made for an order's line (reserved, confirmed, \
                    released, expired). Absent otherwise.""", example = "web-1765000000")
            String orderId,
            @Schema(description = "The order's line, with `order_id`.", example = "1")
            String lineId) {

        public static Movement of(MovementView view) {
            return new Movement(view.globalPosition(), view.eventId(), view.productId(), view.warehouseId(),
                    view.sequenceNumber(), view.movementType(), view.onHandDelta(), view.reservedDelta(),
                    view.reservationId(), view.reason(), view.note(), view.requesterId(), view.traceId(),
                    view.occurredAt(), view.lots(), view.orderId(), view.lineId());
        }
    }
}
