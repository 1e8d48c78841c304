package io.stockledger.api.web.hostile;

import io.stockledger.api.support.LedgerClient;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state the corpus runs against, made through the API: one well-stocked SKU with a lot, a second warehouse, a
 * pending reservation, a transfer, an order and an audit job; and the catalogue of every /v1 operation with a valid
 * request against that state.
 */
final class CorpusLedgers {

    final UUID product = UUID.randomUUID();
    final UUID warehouse = UUID.randomUUID();
    final UUID otherWarehouse = UUID.randomUUID();
    final String lot = "LOT-A";
    private final LedgerClient client;
    private final AtomicInteger counter = new AtomicInteger();
    String reservationId;
    String otherReservationId;
    String transferId;
    String orderId;
    String jobId;

    CorpusLedgers(LedgerClient client) {
        this.client = client;
    }

    void create() {
        ok(client.receive(product, warehouse, 1_000_000));
        ok(client.receiveLot(product, warehouse, 1_000, lot, LocalDate.of(2040, 1, 1)));
        reservationId = ok(client.reserve(product, warehouse, 1, LedgerClient.key())).text("reservation_id");
        otherReservationId = ok(client.reserve(product, warehouse, 1, LedgerClient.key())).text("reservation_id");
        transferId = ok(client.post("/v1/transfers", Map.of("product_id", product.toString(),
                "from_warehouse_id", warehouse.toString(), "to_warehouse_id", otherWarehouse.toString(),
                "quantity", 1, "idempotency_key", LedgerClient.key()))).text("transfer_id");
        orderId = "corpus-order-1";
        ok(client.post("/v1/orders/reserve", orderBody(orderId)));
        jobId = ok(client.post("/v1/audit/verify", Map.of("product_id", product.toString(),
                "warehouse_id", warehouse.toString()))).text("job_id");
    }

    private static LedgerClient.Response ok(LedgerClient.Response response) {
        assertThat(response.status()).as(response.raw()).isBetween(200, 299);
        return response;
    }

    String fresh(String prefix) {
        return prefix + counter.incrementAndGet();
    }

    /** A new lot of the SKU, so a quarantine with a hostile reason can be accepted (a lot is quarantined once). */
    String freshLot() {
        String batch = fresh("HQ-");
        ok(client.receiveLot(product, warehouse, 5, batch, null));
        return batch;
    }

    String freshQuarantinedLot() {
        String batch = freshLot();
        ok(client.post("/v1/batches/quarantine", Map.of("product_id", product.toString(), "warehouse_id",
                warehouse.toString(), "batch_number", batch, "reason", "corpus")));
        return batch;
    }

    private Map<String, Object> orderBody(String order) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("line_id", "1");
        line.put("product_id", product.toString());
        line.put("quantity", 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("order_id", order);
        body.put("idempotency_key", LedgerClient.key());
        body.put("ttl_seconds", 300);
        body.put("sourcing", "PRIORITY");
        body.put("warehouse_ids", new java.util.ArrayList<>(List.of(warehouse.toString())));
        body.put("lines", new java.util.ArrayList<>(List.of(line)));
        return body;
    }

    private Map<String, Object> sku() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product_id", product.toString());
        body.put("warehouse_id", warehouse.toString());
        return body;
    }

    /** Every /v1 operation, each with a valid request; the test checks this against the OpenAPI document. */
    List<Endpoint> endpoints() {
        String p = product.toString();
        String w = warehouse.toString();
        Map<String, String> sku = Map.of("product_id", p, "warehouse_id", w);
        Map<String, String> none = Map.of();
        return List.of(
                new Endpoint("POST", "/v1/receive", none, none, field -> {
                    Map<String, Object> body = sku();
                    body.put("quantity", 5);
                    body.put("idempotency_key", LedgerClient.key());
                    body.put("unit_cost", 1.25);
                    body.put("batch_number", fresh("HB-"));
                    body.put("expiry_date", "2041-01-01");
                    body.put("location", "A-1");
                    return body;
                }, List.of("product_id", "warehouse_id", "idempotency_key", "batch_number", "expiry_date", "location"),
                        List.of("quantity", "unit_cost"), Set.of("idempotency_key", "location"), null),
                new Endpoint("POST", "/v1/reserve", none, none,
                        field -> new LinkedHashMap<>(LedgerClient.reserveBody(product, warehouse, 1, LedgerClient.key(), 300)),
                        List.of("product_id", "warehouse_id", "idempotency_key", "min_expiry_date"),
                        List.of("quantity", "ttl_seconds", "min_shelf_life_days"), Set.of("idempotency_key"), null),
                new Endpoint("POST", "/v1/confirm", none, none,
                        field -> new LinkedHashMap<>(Map.of("reservation_id", reservationId)),
                        List.of("reservation_id"), List.of(), Set.of(), null),
                new Endpoint("POST", "/v1/release", none, none,
                        field -> new LinkedHashMap<>(Map.of("reservation_id", otherReservationId)),
                        List.of("reservation_id"), List.of(), Set.of(), null),
                new Endpoint("POST", "/v1/adjust", none, none, field -> {
                    Map<String, Object> body = sku();
                    body.put("quantity", 1);
                    body.put("reason", "FOUND");
                    body.put("idempotency_key", LedgerClient.key());
                    body.put("note", "counted");
                    return body;
                }, List.of("product_id", "warehouse_id", "reason", "idempotency_key", "note", "batch_number"),
                        List.of("quantity"), Set.of("idempotency_key", "note"), null),
                new Endpoint("POST", "/v1/batches/quarantine", none, none, field -> {
                    Map<String, Object> body = sku();
                    body.put("batch_number", "reason".equals(field) ? freshLot() : lot);
                    body.put("reason", "hold");
                    return body;
                }, List.of("product_id", "warehouse_id", "batch_number", "reason"), List.of(), Set.of("reason"), null),
                new Endpoint("POST", "/v1/batches/quarantine/release", none, none, field -> {
                    Map<String, Object> body = sku();
                    body.put("batch_number", "reason".equals(field) ? freshQuarantinedLot() : lot);
                    body.put("reason", "cleared");
                    return body;
                }, List.of("product_id", "warehouse_id", "batch_number", "reason"), List.of(), Set.of("reason"), null),
                new Endpoint("PUT", "/v1/stock/{product_id}/{warehouse_id}/picking-policy", sku, none,
                        field -> new LinkedHashMap<>(Map.of("policy", "FEFO")), List.of("policy"), List.of(),
                        Set.of(), null),
                new Endpoint("POST", "/v1/transfers", none, none, field -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("product_id", p);
                    body.put("from_warehouse_id", w);
                    body.put("to_warehouse_id", otherWarehouse.toString());
                    body.put("quantity", 1);
                    body.put("idempotency_key", LedgerClient.key());
                    return body;
                }, List.of("product_id", "from_warehouse_id", "to_warehouse_id", "idempotency_key", "batch_number"),
                        List.of("quantity"), Set.of("idempotency_key"), null),
                new Endpoint("POST", "/v1/orders/reserve", none, none, field -> orderBody(fresh("corpus-order-x")),
                        List.of("order_id", "idempotency_key", "sourcing", "warehouse_ids[0]", "lines[0].line_id",
                                "lines[0].product_id", "lines[0].warehouse_id", "lines[0].min_expiry_date"),
                        List.of("ttl_seconds", "lines[0].quantity", "lines[0].min_shelf_life_days"),
                        Set.of("idempotency_key"), null),
                new Endpoint("POST", "/v1/orders/{order_id}/confirm", Map.of("order_id", orderId), none, null,
                        List.of(), List.of(), Set.of(), null),
                new Endpoint("POST", "/v1/orders/{order_id}/release", Map.of("order_id", orderId), none, null,
                        List.of(), List.of(), Set.of(), null),
                new Endpoint("POST", "/v1/orders/{order_id}/lines/{line_id}/release",
                        Map.of("order_id", orderId, "line_id", "1"), none, null, List.of(), List.of(), Set.of(), null),
                new Endpoint("GET", "/v1/orders/{order_id}", Map.of("order_id", orderId), none, null, List.of(),
                        List.of(), Set.of(), null),
                new Endpoint("POST", "/v1/admin/relay/replay", none, none, field -> new LinkedHashMap<>(Map.of(
                        "from_position", 1, "to_position", 9_000_000_000_000L)), List.of(), List.of("from_position", "to_position"),
                        Set.of(), null),
                new Endpoint("POST", "/v1/audit/verify", none, none, field -> sku(),
                        List.of("product_id", "warehouse_id"), List.of(), Set.of(), null),
                new Endpoint("POST", "/v1/audit/reconcile", none, none, field -> sku(),
                        List.of("product_id", "warehouse_id"), List.of(), Set.of(), null),
                new Endpoint("POST", "/v1/admin/read-models/rebuild", none, none, null, List.of(), List.of(),
                        Set.of(), null),
                new Endpoint("GET", "/v1/stock/{product_id}/{warehouse_id}", sku, optional("as_of"), null,
                        List.of(), List.of(), Set.of(), null),
                new Endpoint("GET", "/v1/stock", none, Map.of("warehouse_id", w, "as_of", "2030-01-01T00:00:00Z"),
                        null, List.of(), List.of(), Set.of(), null),
                new Endpoint("GET", "/v1/availability", none, withOptional(Map.of("product_id", p), "warehouse_id"),
                        null, List.of(), List.of(), Set.of(), null),
                new Endpoint("GET", "/v1/batches", none,
                        withOptional(Map.of("product_id", p, "warehouse_id", w), "status", "expiring_before", "limit"),
                        null, List.of(), List.of(), Set.of(), null),
                new Endpoint("GET", "/v1/reservations/{reservation_id}", Map.of("reservation_id", reservationId),
                        none, null, List.of(), List.of(), Set.of(), null),
                new Endpoint("GET", "/v1/transfers/{transfer_id}", Map.of("transfer_id", transferId), none, null,
                        List.of(), List.of(), Set.of(), null),
                new Endpoint("GET", "/v1/ledger/{product_id}/{warehouse_id}/events", sku,
                        optional("from_sequence", "to", "limit"), null, List.of(), List.of(), Set.of(), null),
                new Endpoint("GET", "/v1/ledger/{product_id}/{warehouse_id}/balance", sku, optional("as_of"), null,
                        List.of(), List.of(), Set.of(), null),
                new Endpoint("GET", "/v1/ledger/movements", none, withOptional(Map.of("product_id", p),
                        "warehouse_id", "from", "to", "type", "from_position", "limit"), null, List.of(), List.of(),
                        Set.of(), null),
                new Endpoint("GET", "/v1/ledger/movements", none, withOptional(Map.of("product_id", p),
                        "warehouse_id", "from", "to", "type"), null, List.of(), List.of(), Set.of(), "text/csv"),
                new Endpoint("GET", "/v1/audit/jobs/{job_id}", Map.of("job_id", jobId), none, null, List.of(),
                        List.of(), Set.of(), null),
                new Endpoint("GET", "/v1/audit/jobs/{job_id}/findings", Map.of("job_id", jobId),
                        optional("from_finding", "limit"), null, List.of(), List.of(), Set.of(), null),
                new Endpoint("GET", "/v1/console/session", none, none, null, List.of(), List.of(), Set.of(), null),
                new Endpoint("GET", "/v1/console/ledgers", none, withOptional(Map.of("warehouse_id", w),
                        "product_id", "limit"), null, List.of(), List.of(), Set.of(), null),
                new Endpoint("GET", "/v1/console/stock/{product_id}/{warehouse_id}/reservations", sku,
                        optional("limit"), null, List.of(), List.of(), Set.of(), null),
                new Endpoint("GET", "/v1/console/transfers", none, optional("warehouse_id", "limit"), null,
                        List.of(), List.of(), Set.of(), null),
                new Endpoint("GET", "/v1/console/metrics", none, none, null, List.of(), List.of(), Set.of(), null));
    }

    private static Map<String, String> optional(String... names) {
        return withOptional(Map.of(), names);
    }

    private static Map<String, String> withOptional(Map<String, String> required, String... names) {
        Map<String, String> query = new LinkedHashMap<>(required);
        for (String name : names) {
            query.put(name, null);
        }
        return query;
    }
}
