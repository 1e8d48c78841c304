package io.stockledger.api.config;

import io.stockledger.api.StockLedgerApplication;
import io.stockledger.api.security.TokenMinter;
import io.stockledger.api.security.VerificationKeys;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.testsupport.LocalPorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The newcomer's first run: no DATABASE_URL, so the service starts its own PostgreSQL, keeps its data in a
 * directory, and finds it all again after a restart.
 */
class EmbeddedDefaultTest {

    @TempDir
    Path dataDir;

    @Test
    void withoutADatabaseUrlTheServiceRunsOnEmbeddedPostgresAndKeepsItsDataAcrossRestarts() throws IOException {
        int postgresPort = LocalPorts.free();
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        String reservation;

        try (ConfigurableApplicationContext first = start(postgresPort)) {
            assertThat(dataDir.resolve("jwt-secret")).as("a local secret was generated").exists();
            LedgerClient client = clientOf(first);
            assertThat(client.receive(product, warehouse, 12).status()).isEqualTo(200);
            reservation = client.reserve(product, warehouse, 5, LedgerClient.key()).text("reservation_id");
            assertThat(first.getBean(javax.sql.DataSource.class).toString()).contains("embedded-postgres");
        }

        try (ConfigurableApplicationContext restarted = start(postgresPort)) {
            LedgerClient client = clientOf(restarted);
            assertThat(client.confirm(reservation).text("status")).isEqualTo("CONFIRMED");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                LedgerClient.Response stock = client.stock(product, warehouse);
                assertThat(stock.number("on_hand")).isEqualTo(7);
                assertThat(stock.number("available")).isEqualTo(7);
            });
        }
    }

    /**
     * The library that runs the embedded database starts it as a throwaway test database: {@code fsync} off and
     * {@code synchronous_commit} off, so an acknowledged commit could be lost, or the data directory broken, by a
     * crash. The service's configuration switches both back on; read from the running server itself.
     */
    @Test
    void theEmbeddedDatabaseFlushesEveryCommitToDiskBeforeItIsAcknowledged() throws Exception {
        try (EmbeddedPostgres postgres = new EmbeddedPostgresConfiguration()
                .embeddedPostgres(dataDir.resolve("postgres").toString(), LocalPorts.free());
             Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet value = statement.executeQuery("SHOW " + setting)) {
                    assertThat(value.next()).isTrue();
                    assertThat(value.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    private ConfigurableApplicationContext start(int postgresPort) {
        return new SpringApplicationBuilder(StockLedgerApplication.class).run(
                "--spring.datasource.url=",
                "--ledger.embedded.data-dir=" + dataDir.resolve("postgres"),
                "--ledger.embedded.port=" + postgresPort,
                "--server.port=0",
                "--management.server.port=0",
                "--ledger.security.jwt.secret=");
    }

    /** Signs with the secret the embedded default generated beside its data, as `mint-token` does. */
    private LedgerClient clientOf(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String localSecret = VerificationKeys.readOrCreateLocalSecret(dataDir.resolve("jwt-secret"));
        String token = TokenMinter.mint(VerificationKeys.hmacKey(localSecret), "newcomer", List.of(),
                List.of("admin"), Duration.ofMinutes(5), null, null);
        return new LedgerClient("http://127.0.0.1:" + port, token);
    }

}
