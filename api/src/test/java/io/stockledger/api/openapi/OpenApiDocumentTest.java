package io.stockledger.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.support.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the service serves: reachable without a token, true to the seed contract for /v1/reserve and
 * /v1/confirm, covering every /v1 endpoint the service actually maps (so a new endpoint cannot be left out), with the
 * bearer scheme and the problem responses on each. Swagger UI is served too.
 */
class OpenApiDocumentTest extends ServiceIntegrationTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Set<String> STATUSES = Set.of("PENDING", "CONFIRMED", "RELEASED", "EXPIRED");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlerMapping;

    private OpenApiDocument doc;

    @BeforeEach
    void fetchDocument() {
        doc = OpenApiDocument.fetch(baseUrl());
    }

    @Test
    void theDocumentIsServedWithoutATokenAndDescribesTheService() {
        HttpResponse<String> response = OpenApiDocument.getWithoutToken(baseUrl() + "/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(doc.root.path("openapi").asText()).startsWith("3.");
        assertThat(doc.root.at("/info/title").asText()).isEqualTo("Stock ledger API");
        assertThat(doc.root.at("/info/version").asText()).isNotBlank();
        assertThat(doc.root.at("/info/description").asText()).contains("snake_case", "Bearer", "problem+json");
        // a YAML rendering too
        assertThat(OpenApiDocument.getWithoutToken(baseUrl() + "/v3/api-docs.yaml").statusCode()).isEqualTo(200);
    }

    @Test
    void swaggerUiIsServedWithoutAToken() {
        HttpResponse<String> page = OpenApiDocument.getWithoutToken(baseUrl() + "/swagger-ui.html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/swagger-ui/index.html");
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("Swagger UI");

        HttpResponse<String> config = OpenApiDocument.getWithoutToken(baseUrl() + "/v3/api-docs/swagger-config");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("\"url\":\"/v3/api-docs\"");
        assertThat(OpenApiDocument.getWithoutToken(baseUrl() + "/swagger-ui/swagger-ui-bundle.js").statusCode())
                .isEqualTo(200);
    }

    @Test
    void theV1EndpointsStillNeedAToken() {
        assertThat(OpenApiDocument.getWithoutToken(baseUrl() + "/v1/stock/" + UUID.randomUUID() + "/"
                + UUID.randomUUID()).statusCode()).isEqualTo(401);
    }

    /** The operation {@code POST path}, asserted documented, with its operation id and a required body. */
    private JsonNode documentedPostWithBody(String path, String operationId) {
        JsonNode operation = doc.operation("POST", path);
        assertThat(operation.isObject()).as("POST " + path + " is documented").isTrue();
        assertThat(operation.path("operationId").asText()).isEqualTo(operationId);
        assertThat(operation.at("/requestBody/required").asBoolean()).isTrue();
        return operation;
    }

    @Test
    void reserveIsTheSeedContract() {
        JsonNode operation = documentedPostWithBody("/v1/reserve", "reserveStock");

        JsonNode request = doc.requestSchema("POST", "/v1/reserve");
        assertThat(OpenApiDocument.names(request.path("required")))
                .containsExactlyInAnyOrder("product_id", "warehouse_id", "quantity", "idempotency_key",
                        "ttl_seconds");
        // the seed's fields, plus the optional shelf-life minimum that lots brought (issue #3)
        assertThat(OpenApiDocument.names(request.path("properties")))
                .containsExactlyInAnyOrder("product_id", "warehouse_id", "quantity", "idempotency_key",
                        "ttl_seconds", "min_expiry_date", "min_shelf_life_days");
        JsonNode properties = request.path("properties");
        assertThat(properties.path("min_expiry_date").path("format").asText()).isEqualTo("date");
        assertInteger(properties.path("min_shelf_life_days"), 0, 3650);
        assertUuid(properties.path("product_id"));
        assertUuid(properties.path("warehouse_id"));
        assertInteger(properties.path("quantity"), 1, 1000);
        assertInteger(properties.path("ttl_seconds"), 60, 3600);
        JsonNode key = properties.path("idempotency_key");
        assertThat(OpenApiDocument.typeOf(key)).isEqualTo("string");
        assertThat(key.path("minLength").asInt()).isEqualTo(32);
        assertThat(key.path("maxLength").asInt()).isEqualTo(128);

        assertReservationResponse(doc.responseSchema("POST", "/v1/reserve", 200, "application/json"));
        assertResponses(operation, "200", "400", "401", "403", "409", "422");
        assertThat(operation.at("/responses/409/description").asText()).contains("INSUFFICIENT_STOCK");
        assertThat(operation.at("/responses/422/description").asText())
                .contains("VALIDATION_FAILED", "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void confirmIsTheSeedContract() {
        JsonNode operation = documentedPostWithBody("/v1/confirm", "confirmReservation");

        JsonNode request = doc.requestSchema("POST", "/v1/confirm");
        assertThat(OpenApiDocument.names(request.path("required"))).containsExactly("reservation_id");
        assertThat(OpenApiDocument.names(request.path("properties"))).containsExactly("reservation_id");
        assertUuid(request.at("/properties/reservation_id"));

        assertReservationResponse(doc.responseSchema("POST", "/v1/confirm", 200, "application/json"));
        assertResponses(operation, "200", "404", "400", "401", "403", "409", "422");
        assertThat(operation.at("/responses/404/description").asText()).contains("RESERVATION_NOT_FOUND");
    }

    @Test
    void availabilityTakesARepeatedProductIdAndAnswersPerWarehouse() {
        JsonNode operation = doc.operation("GET", "/v1/availability");
        assertThat(operation.path("operationId").asText()).isEqualTo("getAvailability");
        JsonNode productId = null;
        for (JsonNode parameter : operation.path("parameters")) {
            if ("product_id".equals(doc.resolve(parameter).path("name").asText())) {
                productId = doc.resolve(parameter);
            }
        }
        assertThat(productId).as("product_id is documented").isNotNull();
        assertThat(productId.path("in").asText()).isEqualTo("query");
        assertThat(productId.path("required").asBoolean()).isTrue();
        assertThat(productId.path("explode").asBoolean(true)).as("one parameter per product").isTrue();
        JsonNode array = productId.path("schema");
        assertThat(OpenApiDocument.typeOf(array)).isEqualTo("array");
        assertThat(array.path("minItems").asInt()).isEqualTo(1);
        assertThat(array.path("maxItems").asInt()).isEqualTo(200);
        assertUuid(array.path("items"));

        JsonNode answer = doc.responseSchema("GET", "/v1/availability", 200, "application/json");
        assertThat(OpenApiDocument.names(answer.path("required"))).containsExactly("products");
        JsonNode product = doc.resolve(answer.at("/properties/products/items"));
        assertThat(OpenApiDocument.names(product.path("required")))
                .containsExactlyInAnyOrder("product_id", "available", "warehouses");
        JsonNode warehouse = doc.resolve(product.at("/properties/warehouses/items"));
        assertThat(OpenApiDocument.names(warehouse.path("required")))
                .containsExactlyInAnyOrder("warehouse_id", "on_hand", "reserved", "available", "blocked");
        assertResponses(operation, "200", "401", "403", "422", "503");
        assertThat(operation.at("/responses/422/description").asText()).contains("200 times");
    }

    @Test
    void errorsAreProblemDocumentsWithTheServicesOwnProperties() {
        JsonNode problem = doc.resolve(doc.root.at("/components/schemas/Problem"));
        assertThat(OpenApiDocument.names(problem.path("properties")))
                .contains("type", "title", "status", "detail", "instance", "code", "trace_id", "errors",
                        "requested", "available", "required_permission");
        assertThat(OpenApiDocument.names(problem.path("required"))).contains("code", "status");
        JsonNode errors = problem.at("/properties/errors");
        assertThat(OpenApiDocument.typeOf(errors)).isEqualTo("array");
        JsonNode fieldError = doc.resolve(errors.path("items"));
        assertThat(OpenApiDocument.names(fieldError.path("properties"))).containsExactlyInAnyOrder("field", "reason");
        assertThat(OpenApiDocument.names(fieldError.path("required"))).containsExactlyInAnyOrder("field", "reason");
    }

    @Test
    void theBearerSchemeIsDeclared() {
        JsonNode schemes = doc.root.at("/components/securitySchemes");
        assertThat(schemes.size()).isEqualTo(1);
        JsonNode bearer = schemes.elements().next();
        assertThat(bearer.path("type").asText()).isEqualTo("http");
        assertThat(bearer.path("scheme").asText()).isEqualToIgnoringCase("bearer");
        assertThat(bearer.path("bearerFormat").asText()).isEqualTo("JWT");
    }

    /**
     * Every /v1 path and method the service maps is documented, and nothing else under /v1 is; each has the bearer
     * requirement, names the permission its handler enforces, and documents 401 and 403 as problems.
     */
    @Test
    void everyServedV1EndpointIsDocumentedWithItsSecurity() {
        String scheme = doc.root.at("/components/securitySchemes").fieldNames().next();
        Map<String, String> served = new TreeMap<>(); // "POST /v1/reserve" -> permission
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : handlerMapping.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
            for (String path : mapping.getKey().getPatternValues()) {
                if (!path.startsWith("/v1/")) {
                    continue;
                }
                assertThat(methods).as("%s maps explicit methods", path).isNotEmpty();
                RequiresPermission permission = mapping.getValue().getMethodAnnotation(RequiresPermission.class);
                for (RequestMethod method : methods) {
                    served.put(method + " " + path, permission == null ? null : permission.value());
                }
            }
        }
        assertThat(served).as("the /v1 endpoints the service maps").containsKeys("POST /v1/reserve",
                "POST /v1/confirm", "POST /v1/release", "POST /v1/receive", "POST /v1/adjust",
                "GET /v1/stock/{product_id}/{warehouse_id}", "GET /v1/availability",
                "GET /v1/reservations/{reservation_id}",
                "POST /v1/admin/relay/replay");

        Map<String, JsonNode> documented = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (path.getKey().startsWith("/v1/") && op.getValue().has("responses")) {
                    documented.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue());
                }
            }
        }
        assertThat(documented.keySet()).as("documented /v1 operations").isEqualTo(served.keySet());

        served.forEach((endpoint, permission) -> {
            JsonNode operation = documented.get(endpoint);
            assertThat(permission).as("%s declares a permission", endpoint).isNotNull();
            assertThat(operation.path("security").findValues(scheme)).as("%s needs the bearer token", endpoint)
                    .isNotEmpty();
            assertThat(operation.path("description").asText()).as("%s names its permission", endpoint)
                    .contains("`" + permission + "`");
            assertThat(operation.path("x-required-permission").asText()).isEqualTo(permission);
            assertThat(operation.at("/responses/403/description").asText()).contains(permission);
            assertThat(OpenApiDocument.names(operation.path("responses"))).as("%s has a success", endpoint)
                    .anyMatch(status -> status.startsWith("2"));
            assertResponses(operation, "401", "403", "503");
            if (operation.has("requestBody")) {
                assertResponses(operation, "400", "415", "422");
            }
            if (operation.path("parameters").findValuesAsText("in").contains("path")) {
                assertResponses(operation, "422");
            }
            if (endpoint.startsWith("POST ")) {
                assertThat(operation.path("parameters").findValuesAsText("$ref"))
                        .as("%s takes the Idempotency-Key header", endpoint)
                        .contains("#/components/parameters/Idempotency-Key");
                assertResponses(operation, "409");
                assertThat(operation.at("/responses/409/description").asText())
                        .contains("IDEMPOTENT_REQUEST_IN_FLIGHT");
            }
        });
    }

    /** Property names in every schema are snake_case, as the JSON really is (the app maps with SNAKE_CASE). */
    /** Ids the client chooses (an order's, a line's) are not UUIDs; every other id in a path is. */
    private static final Set<String> CLIENT_CHOSEN_IDS = Set.of("order_id", "line_id");

    @Test
    void everyPropertyIsSnakeCase() {
        Pattern snakeCase = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
        doc.root.at("/components/schemas").fields().forEachRemaining(schema ->
                schema.getValue().path("properties").fieldNames().forEachRemaining(property ->
                        assertThat(property).as("%s.%s", schema.getKey(), property).matches(snakeCase)));
        doc.root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
                op.getValue().path("parameters").forEach(parameter -> {
                    JsonNode resolved = doc.resolve(parameter);
                    if ("path".equals(resolved.path("in").asText())) {
                        String name = resolved.path("name").asText();
                        assertThat(name).matches(snakeCase);
                        if (CLIENT_CHOSEN_IDS.contains(name)) {
                            assertThat(resolved.at("/schema/pattern").asText()).as(name).isNotEmpty();
                            assertThat(resolved.at("/schema/maxLength").asInt()).as(name).isPositive();
                        } else {
                            assertUuid(resolved.path("schema"));
                        }
                    }
                })));
    }

    private void assertReservationResponse(JsonNode schema) {
        JsonNode properties = schema.path("properties");
        assertThat(OpenApiDocument.names(properties))
                .contains("reservation_id", "status", "expires_at", "created_at");
        assertThat(properties.at("/reservation_id/format").asText()).isEqualTo("uuid");
        assertThat(properties.at("/expires_at/format").asText()).isEqualTo("date-time");
        assertThat(properties.at("/created_at/format").asText()).isEqualTo("date-time");
        JsonNode status = doc.resolve(properties.path("status"));
        assertThat(OpenApiDocument.typeOf(status)).isEqualTo("string");
        assertThat(OpenApiDocument.names(status.path("enum"))).isEqualTo(STATUSES);
        assertThat(OpenApiDocument.names(schema.path("required")))
                .contains("reservation_id", "status", "expires_at", "created_at");
    }

    /** These statuses are documented; errors as problem+json of the Problem schema, success as JSON. */
    private void assertResponses(JsonNode operation, String... statuses) {
        JsonNode responses = operation.path("responses");
        assertThat(OpenApiDocument.names(responses)).contains(statuses);
        for (String status : statuses) {
            JsonNode content = doc.resolve(responses.path(status)).path("content");
            if (status.startsWith("2")) {
                assertThat(content.has("application/json")).as("%s is JSON", status).isTrue();
            } else {
                assertThat(OpenApiDocument.names(content)).as("%s media types", status).containsExactly(PROBLEM_JSON);
                assertThat(content.at("/" + PROBLEM_JSON.replace("/", "~1") + "/schema/$ref").asText())
                        .isEqualTo("#/components/schemas/Problem");
            }
        }
    }

    private static void assertUuid(JsonNode property) {
        assertThat(OpenApiDocument.typeOf(property)).isEqualTo("string");
        assertThat(property.path("format").asText()).isEqualTo("uuid");
        Pattern pattern = Pattern.compile(property.path("pattern").asText());
        assertThat(pattern.matcher(UUID.randomUUID().toString()).find()).isTrue();
        assertThat(pattern.matcher("not-a-uuid").find()).isFalse();
        assertThat(pattern.matcher("").find()).isFalse();
    }

    private static void assertInteger(JsonNode property, long minimum, long maximum) {
        assertThat(OpenApiDocument.typeOf(property)).isEqualTo("integer");
        assertThat(property.path("minimum").asLong()).isEqualTo(minimum);
        assertThat(property.path("maximum").asLong()).isEqualTo(maximum);
    }
}
