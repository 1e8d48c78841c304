package io.stockledger.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.support.LedgerClient.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Starts audit jobs over HTTP and follows them to their end, as an auditor's script would. */
public final class AuditJobRuns {

    private AuditJobRuns() {
    }

    /** POSTs {@code path} (with this body, or none), expects 202, and returns the job once it has ended. */
    public static JsonNode run(LedgerClient client, String path, Map<String, ?> body) {
        Response started = body == null ? client.postRaw(path, "") : client.post(path, body);
        assertThat(started.status()).as("%s: %s", path, started.raw()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location).isEqualTo("/v1/audit/jobs/" + started.text("job_id"));
        return awaitEnd(client, location);
    }

    public static JsonNode awaitEnd(LedgerClient client, String location) {
        JsonNode[] job = new JsonNode[1];
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response current = client.get(location);
            assertThat(current.status()).as(current.raw()).isEqualTo(200);
            job[0] = current.body();
            return !"RUNNING".equals(current.text("status"));
        });
        return job[0];
    }

    /** Every finding of the job, page by page. */
    public static List<JsonNode> findings(LedgerClient client, String jobId) {
        List<JsonNode> all = new ArrayList<>();
        String next = "1";
        while (next != null) {
            Response page = client.get("/v1/audit/jobs/" + jobId + "/findings?limit=50&from_finding=" + next);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.body().path("findings").forEach(all::add);
            JsonNode cursor = page.body().path("next_from_finding");
            next = cursor.isNull() ? null : cursor.asText();
        }
        return all;
    }
}
