package io.stockledger.api.web.audit;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import io.swagger.v3.oas.annotations.media.Schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * How the OpenAPI document describes the {@code on_hand} of a balance as it stood at a past instant, stated once for
 * both answers that carry one ({@code LedgerBalanceAsOf} and each {@code WarehouseBalanceAsOf}); a Jackson annotation
 * bundle, so the model reader sees the {@code @Schema} as if it stood on the field.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@Schema(requiredMode = REQUIRED, description = "Units physically in stock then.", example = "88")
@interface OnHandThen {
}
