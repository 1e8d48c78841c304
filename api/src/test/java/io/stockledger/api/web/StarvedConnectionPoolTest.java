package io.stockledger.api.web;

import io.stockledger.api.support.Concurrently;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceInstance;
import io.stockledger.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With far more concurrent requests than database connections, a request that cannot get a connection in time is a
 * 503 the client may retry (it wrote nothing), never a 500. The pool here has two connections and gives up after
 * 250 ms, so a burst of writes on distinct SKUs outruns it.
 */
class StarvedConnectionPoolTest {

    @Test
    void requestsThatFindNoConnectionAre503NotInternalErrors() throws Exception {
        TestDatabase database = TestDatabase.createFresh();
        try (ServiceInstance service = ServiceInstance.on(database, "--spring.datasource.hikari.maximum-pool-size=2",
                "--spring.datasource.hikari.connection-timeout=250")) {
            LedgerClient client = service.client();

            Map<String, Long> outcomes = Concurrently.tally(150, i -> {
                LedgerClient.Response response = client.receive(UUID.randomUUID(), UUID.randomUUID(), 1);
                return response.status() == 503 ? "503 " + response.text("code") : String.valueOf(response.status());
            });

            assertThat(outcomes.keySet()).as("%s", outcomes).isSubsetOf("200", "503 LEDGER_UNAVAILABLE");
            assertThat(outcomes.get("200")).as("the pool still served requests").isPositive();
        }
    }
}
