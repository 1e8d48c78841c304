package io.stockledger.api.web.order;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** How the OpenAPI document describes the {@code order_id} path parameter, stated once for every order endpoint. */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(description = "The client's order id.", schema = @Schema(type = "string", pattern = OrderIds.PATTERN,
        maxLength = OrderController.ORDER_ID_LENGTH))
@interface OrderIdParameter {
}
