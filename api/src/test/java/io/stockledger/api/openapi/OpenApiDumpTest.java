package io.stockledger.api.openapi;

import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

class OpenApiDumpTest extends ServiceIntegrationTest {
    @Test
    void dump() throws Exception {
        LedgerClient.Response r = new LedgerClient(baseUrl(), null).get("/v3/api-docs");
        Files.writeString(Path.of("/tmp/api-docs.json"), r.status() + "\n" + r.raw());
    }
}
