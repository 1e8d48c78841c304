package io.stockledger.api.availability;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.security.Permission;
import io.stockledger.api.support.ExpectedProblems;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.TestTokens;
import io.stockledger.api.support.ValidationProblems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /v1/availability} over HTTP against the real service: several products in several warehouses, with a
 * quarantined and an expired lot, and a product never received; every warehouse's figures are exactly those of
 * {@code GET /v1/stock/{product_id}/{warehouse_id}}. Plus the permission, and each kind of bad input as a 422.
 */
class AvailabilityTest extends ServiceIntegrationTest {

    private final UUID north = UUID.randomUUID();
    private final UUID south = UUID.randomUUID();
    private final UUID east = UUID.randomUUID();
    /** In north (some reserved), south (a quarantined lot) and east (an expired lot). */
    private final UUID apples = UUID.randomUUID();
    /** In south only. */
    private final UUID pears = UUID.randomUUID();
    private final UUID neverReceived = UUID.randomUUID();

    @BeforeEach
    void stock() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(client.receive(apples, north, 100).status()).isEqualTo(200);
        assertThat(client.reserve(apples, north, 10, LedgerClient.key()).status()).isEqualTo(200);
        assertThat(client.receiveLot(apples, south, 50, "FRESH", today.plusDays(60)).status()).isEqualTo(200);
        assertThat(client.receiveLot(apples, south, 20, "RECALL", null).status()).isEqualTo(200);
        assertThat(client.post("/v1/batches/quarantine", Map.of("product_id", apples.toString(),
                "warehouse_id", south.toString(), "batch_number", "RECALL", "reason", "recall")).status())
                .isEqualTo(200);
        assertThat(client.receiveLot(apples, east, 40, "OLD", today.minusDays(1)).status()).isEqualTo(200);
        assertThat(client.receiveLot(apples, east, 5, "GOOD", today.plusDays(60)).status()).isEqualTo(200);
        assertThat(client.receive(pears, south, 7).status()).isEqualTo(200);
        // the read models follow the ledger within milliseconds
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(client.stock(apples, north).number("reserved")).isEqualTo(10);
            assertThat(client.stock(apples, south).number("blocked")).isEqualTo(20);
            assertThat(client.stock(apples, east).number("on_hand")).isEqualTo(45);
            assertThat(client.stock(pears, south).status()).isEqualTo(200);
        });
    }

    @Test
    void everyProductInTheOrderAskedEachWarehouseAsItsBalanceSays() {
        Response response = client.get(availability(List.of(neverReceived, apples, pears, apples)));

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode products = response.body().get("products");
        assertThat(ids(products, "product_id")).as("first-named order, a product named twice answered once")
                .containsExactly(neverReceived.toString(), apples.toString(), pears.toString());

        assertThat(products.get(0).get("available").asLong()).isZero();
        assertThat(products.get(0).get("warehouses")).isEmpty();

        JsonNode apple = products.get(1);
        assertThat(ids(apple.get("warehouses"), "warehouse_id")).containsExactlyInAnyOrder(north.toString(),
                south.toString(), east.toString());
        assertEachWarehouseIsItsBalance(apples, apple.get("warehouses"));
        assertThat(apple.get("available").asLong()).as("north 90, south 50 (RECALL quarantined), east 5 (OLD "
                + "expired)").isEqualTo(90 + 50 + 5);
        assertThat(warehouse(apple, south).get("blocked").asLong()).isEqualTo(20);
        assertThat(warehouse(apple, east).get("blocked").asLong()).isEqualTo(40);

        JsonNode pear = products.get(2);
        assertEachWarehouseIsItsBalance(pears, pear.get("warehouses"));
        assertThat(pear.get("available").asLong()).isEqualTo(7);
    }

    @Test
    void oneWarehouseLeavesTheOthersOut() {
        Response response = client.get(availability(List.of(apples, pears, neverReceived)) + "&warehouse_id="
                + south);

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        JsonNode products = response.body().get("products");
        assertThat(ids(products.get(0).get("warehouses"), "warehouse_id")).containsExactly(south.toString());
        assertEachWarehouseIsItsBalance(apples, products.get(0).get("warehouses"));
        assertThat(products.get(0).get("available").asLong()).isEqualTo(50);
        assertThat(products.get(1).get("available").asLong()).isEqualTo(7);
        assertThat(products.get(2).get("warehouses")).isEmpty();

        Response elsewhere = client.get(availability(List.of(pears)) + "&warehouse_id=" + north);
        assertThat(elsewhere.body().at("/products/0/available").asLong()).isZero();
        assertThat(elsewhere.body().at("/products/0/warehouses")).isEmpty();
    }

    @Test
    void twoHundredProductsInOneCall() {
        List<UUID> many = new ArrayList<>(IntStream.range(0, 198).mapToObj(i -> UUID.randomUUID()).toList());
        many.add(pears);
        many.add(apples);

        Response response = client.get(availability(many));

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        JsonNode products = response.body().get("products");
        assertThat(products).hasSize(200);
        assertThat(products.get(198).get("available").asLong()).isEqualTo(7);
        assertThat(products.get(199).get("available").asLong()).isEqualTo(145);
    }

    @Test
    void readingNeedsInventoryRead() {
        String path = availability(List.of(apples));

        Response anonymous = client.withToken(null).get(path);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.text("code")).isEqualTo("UNAUTHENTICATED");

        Response forbidden = client.withToken(TestTokens.withPermissions("checkout", Permission.RESERVE,
                Permission.AUDIT_READ)).get(path);
        ExpectedProblems.assertProblem(forbidden, 403, "FORBIDDEN");
        assertThat(forbidden.text("required_permission")).isEqualTo(Permission.READ);

        Response storefront = client.withToken(TestTokens.withPermissions("storefront", Permission.READ)).get(path);
        assertThat(storefront.status()).isEqualTo(200);
        assertThat(storefront.body().at("/products/0/available").asLong()).isEqualTo(145);
    }

    @Test
    void badInputIsA422NamingTheParameter() {
        String one = "product_id=" + apples;
        Map<String, String> fieldByPath = new LinkedHashMap<>();
        fieldByPath.put("/v1/availability", "product_id");
        fieldByPath.put("/v1/availability?warehouse_id=" + north, "product_id");
        fieldByPath.put("/v1/availability?product_id=", "product_id");
        fieldByPath.put("/v1/availability?product_id=nope", "product_id");
        fieldByPath.put("/v1/availability?" + one + "&product_id=" + pears + "," + apples, "product_id");
        fieldByPath.put(availability(IntStream.range(0, 201).mapToObj(i -> UUID.randomUUID()).toList()),
                "product_id");
        fieldByPath.put("/v1/availability?" + one + "&warehouse_id=north", "warehouse_id");
        fieldByPath.put("/v1/availability?" + one + "&warehouse_id=" + north + "&warehouse_id=" + south,
                "warehouse_id");
        fieldByPath.put("/v1/availability?" + one + "&warehouse=" + north, "warehouse");
        fieldByPath.put("/v1/availability?product_ids=" + apples, "product_ids");
        ValidationProblems.assertEachGetRefused(client, fieldByPath);

        Response malformed = client.get("/v1/availability?" + one + "&product_id=" + pears + "&product_id=nope");
        assertThat(malformed.body().at("/errors/0/reason").asText()).isEqualTo("must be a UUID (value 3 is not)");
        Response tooMany = client.get(availability(IntStream.range(0, 201).mapToObj(i -> UUID.randomUUID())
                .toList()));
        assertThat(tooMany.body().at("/errors/0/reason").asText()).contains("at most 200");
    }

    private void assertEachWarehouseIsItsBalance(UUID product, JsonNode warehouses) {
        assertThat(warehouses).isNotEmpty();
        for (JsonNode warehouse : warehouses) {
            Response balance = client.stock(product, UUID.fromString(warehouse.get("warehouse_id").asText()));
            assertThat(balance.status()).isEqualTo(200);
            for (String field : List.of("on_hand", "reserved", "available", "blocked")) {
                assertThat(warehouse.get(field).asLong()).as("%s in %s", field, warehouse.get("warehouse_id"))
                        .isEqualTo(balance.number(field));
            }
            assertThat(names(warehouse)).containsExactlyInAnyOrder("warehouse_id", "on_hand", "reserved",
                    "available", "blocked");
        }
    }

    private static JsonNode warehouse(JsonNode product, UUID warehouse) {
        for (JsonNode candidate : product.get("warehouses")) {
            if (candidate.get("warehouse_id").asText().equals(warehouse.toString())) {
                return candidate;
            }
        }
        throw new AssertionError("no warehouse " + warehouse + " in " + product);
    }

    private static String availability(List<UUID> products) {
        return "/v1/availability?" + products.stream().map(id -> "product_id=" + id)
                .collect(Collectors.joining("&"));
    }

    private static List<String> ids(JsonNode array, String field) {
        return Stream.iterate(0, i -> i < array.size(), i -> i + 1).map(i -> array.get(i).get(field).asText())
                .toList();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
