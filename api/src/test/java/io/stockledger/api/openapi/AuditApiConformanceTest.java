package io.stockledger.api.openapi;

import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real answers of the auditors' point-in-time, verification, reconciliation and rebuild endpoints checked against the
 * OpenAPI document, as {@link OpenApiConformanceTest} does for the ledger's own endpoints: the status documented for
 * the operation, with its media type, the body of exactly the documented shape (nullable and one-of fields too).
 */
class AuditApiConformanceTest extends DocumentedAnswersTest {

    @Test
    void pointInTimeAnswersAreAsDocumented() throws InterruptedException {
        Instant before = Instant.now();
        Thread.sleep(5);
        assertThat(client.receive(product, warehouse, 10).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.stock(product, warehouse).status() == 200);
        String stock = "/v1/stock/{product_id}/{warehouse_id}";

        Response live = doc.conforms("GET", stock, client.stock(product, warehouse));
        assertThat(live.body().has("as_of")).isFalse();
        Response past = doc.conforms("GET", stock, client.get("/v1/stock/" + product + "/" + warehouse + "?as_of="
                + Instant.now()));
        assertThat(past.number("sequence_number")).isZero();
        Response beforeAnything = doc.conforms("GET", stock, client.get("/v1/stock/" + product + "/" + warehouse
                + "?as_of=" + before));
        assertThat(beforeAnything.body().get("sequence_number").isNull()).isTrue();
        doc.conforms("GET", stock, client.get("/v1/stock/" + product + "/" + warehouse + "?as_of=never"));
        doc.conforms("GET", "/v1/ledger/{product_id}/{warehouse_id}/balance", client.get("/v1/ledger/" + product + "/"
                + warehouse + "/balance?as_of=" + before));

        Response warehouseNow = doc.conforms("GET", "/v1/stock", client.get("/v1/stock?warehouse_id=" + warehouse
                + "&as_of=" + Instant.now()));
        assertThat(warehouseNow.number("ledger_count")).isEqualTo(1);
        doc.conforms("GET", "/v1/stock", client.get("/v1/stock?warehouse_id=nope&as_of=" + Instant.now()));
    }

    @Test
    void jobAnswersAreAsDocumented() {
        assertThat(client.receive(product, warehouse, 10).status()).isEqualTo(200);
        Map<String, String> scope = Map.of("product_id", product.toString(), "warehouse_id", warehouse.toString());

        Response verify = doc.conforms("POST", "/v1/audit/verify", client.post("/v1/audit/verify", scope));
        assertThat(verify.status()).isEqualTo(202);
        String job = verify.text("job_id");
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(client.get("/v1/audit/jobs/" + job)
                .text("status")));
        Response finished = doc.conforms("GET", "/v1/audit/jobs/{job_id}", client.get("/v1/audit/jobs/" + job));
        assertThat(finished.text("status")).isEqualTo("SUCCEEDED");
        doc.conforms("GET", "/v1/audit/jobs/{job_id}/findings", client.get("/v1/audit/jobs/" + job + "/findings"));
        doc.conforms("GET", "/v1/audit/jobs/{job_id}", client.get("/v1/audit/jobs/" + UUID.randomUUID()));
        doc.conforms("GET", "/v1/audit/jobs/{job_id}/findings", client.get("/v1/audit/jobs/" + job
                + "/findings?limit=0"));

        // a finding, to see one as documented
        jdbc.update("UPDATE stock_balance SET reserved = 3 WHERE product_id = ?", product);
        Response reconcile = doc.conforms("POST", "/v1/audit/reconcile", client.post("/v1/audit/reconcile", scope));
        String reconciliation = reconcile.text("job_id");
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(client.get("/v1/audit/jobs/"
                + reconciliation).text("status")));
        Response findings = doc.conforms("GET", "/v1/audit/jobs/{job_id}/findings", client.get("/v1/audit/jobs/"
                + reconciliation + "/findings"));
        assertThat(findings.body().path("findings").size()).isEqualTo(1);
        doc.conforms("POST", "/v1/audit/reconcile", client.post("/v1/audit/reconcile",
                Map.of("product_id", product.toString())));

        Response rebuild = doc.conforms("POST", "/v1/admin/read-models/rebuild",
                client.postRaw("/v1/admin/read-models/rebuild", ""));
        assertThat(rebuild.status()).isEqualTo(202);
        Response again = client.postRaw("/v1/admin/read-models/rebuild", "");
        if (again.status() == 409) { // unless the first was already done
            doc.conforms("POST", "/v1/admin/read-models/rebuild", again);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !"RUNNING".equals(client.get("/v1/audit/jobs/"
                + rebuild.text("job_id")).text("status")));
        doc.conforms("GET", "/v1/audit/jobs/{job_id}", client.get("/v1/audit/jobs/" + rebuild.text("job_id")));
    }
}
