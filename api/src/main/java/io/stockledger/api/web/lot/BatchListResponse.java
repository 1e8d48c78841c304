package io.stockledger.api.web.lot;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** {@code GET /v1/batches}: the matching lots, soonest expiry first per SKU. */
@Schema(name = "BatchList", description = "Lots matching the filter.")
public record BatchListResponse(
        @Schema(requiredMode = REQUIRED, description = "The lots, per SKU ordered by expiry (never-expiring last).")
        List<BatchResponse> batches,
        @Schema(requiredMode = REQUIRED, description = "The date (UTC) statuses were judged at.")
        LocalDate statusDate) {
}
