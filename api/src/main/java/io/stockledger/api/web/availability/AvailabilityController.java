package io.stockledger.api.web.availability;

import io.stockledger.api.ledger.Ledger;
import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.web.UuidParameter;
import io.stockledger.api.web.InvalidParameterException;
import io.stockledger.api.web.Uuids;
import io.stockledger.api.web.audit.AuditParameters;
import io.stockledger.api.web.openapi.OpenApiConfiguration;
import io.stockledger.query.api.AvailabilityView;
import io.stockledger.query.api.FindAvailability;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Availability for storefronts: a product page or a cart asks about many products at once, and gets them in one
 * query of the read models instead of one request per product and warehouse. The OpenAPI annotations describe what
 * is particular to the endpoint; what every /v1 endpoint shares is added by {@code io.stockledger.api.web.openapi}.
 */
@Tag(name = OpenApiConfiguration.STOCK)
@ApiResponse(responseCode = "503", description = """
        `LEDGER_UNAVAILABLE`: the read models could not answer in time (e.g. the database is down); retrying is \
        safe.""")
@RestController
@RequestMapping("/v1")
record AvailabilityController(Ledger ledger) {

    static final String PRODUCT_ID = "product_id";
    static final String WAREHOUSE_ID = "warehouse_id";
    /** Enough for a large cart or a category page; each product costs a few index lookups. */
    static final int MAX_PRODUCTS = 200;
    private static final Set<String> PARAMETERS = Set.of(PRODUCT_ID, WAREHOUSE_ID);

    @Operation(operationId = "getAvailability", summary = "Read the availability of many products", description = """
            On hand, reserved, blocked and available of up to 200 products, in each warehouse where they have \
            stock (or only in `warehouse_id`), with each product's total `available`: one question for a \
            product page or a cart. Read from the read models, which follow the ledger within milliseconds, all \
            products in one query; each warehouse's figures are those `GET /v1/stock/{product_id}/{warehouse_id}` \
            gives, `blocked` judged at today's date.

            Name each product with its own `product_id` parameter \
            (`?product_id=…&product_id=…`). Products come back in the order first named; a product named twice \
            is answered once. A product that never received stock (in `warehouse_id`) is answered with \
            `available: 0` and no warehouses, not with an error. Unknown query parameters are refused (422).""")
    @ApiResponse(responseCode = "200", description = "Each distinct product asked for, in the order asked.")
    @ApiResponse(responseCode = "422", description = """
            Also when `product_id` is missing, given more than 200 times or not a UUID, when `warehouse_id` is \
            not a UUID, or for an unknown query parameter.""")
    @Parameter(name = PRODUCT_ID, in = ParameterIn.QUERY, required = true, explode = Explode.TRUE,
            description = "A product identifier; repeat the parameter for each product (1 to 200).",
            array = @ArraySchema(minItems = 1, maxItems = MAX_PRODUCTS,
                    schema = @Schema(type = "string", format = "uuid", pattern = Uuids.PATTERN)))
    @RequiresPermission(Permission.READ)
    @GetMapping("/availability")
    AvailabilityResponse availability(
            @UuidParameter("Only this warehouse.")
            @RequestParam(name = WAREHOUSE_ID, required = false) String warehouseId,
            HttpServletRequest request) {
        AuditParameters.onlyKnown(request, PARAMETERS);
        List<UUID> products = productIds(request.getParameterValues(PRODUCT_ID));
        UUID warehouse = AuditParameters.optionalUuid(WAREHOUSE_ID, warehouseId);
        List<AvailabilityView> views = ledger.askAll(new FindAvailability(products, warehouse),
                AvailabilityView.class);
        return AvailabilityResponse.of(views);
    }

    /**
     * The product ids, each its own parameter value. Read from the request rather than bound by Spring, which would
     * also split a single value at commas: {@code product_id=a,b} is one malformed id here, as the contract says.
     */
    private static List<UUID> productIds(String[] values) {
        if (values == null || values.length == 0) {
            throw new InvalidParameterException(PRODUCT_ID, "is required: 1 to " + MAX_PRODUCTS + " values");
        }
        if (values.length > MAX_PRODUCTS) {
            throw new InvalidParameterException(PRODUCT_ID, "must have at most " + MAX_PRODUCTS + " values, not "
                    + values.length);
        }
        List<UUID> ids = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            if (!values[i].matches(Uuids.PATTERN)) {
                throw new InvalidParameterException(PRODUCT_ID, Uuids.MESSAGE + " (value " + (i + 1) + " is not)");
            }
            ids.add(UUID.fromString(values[i]));
        }
        return ids;
    }
}
