package io.stockledger.api;

import io.stockledger.command.config.StockLedgerConfiguration;
import io.stockledger.query.config.ReadModelConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The stock ledger service: REST in front, the command side and the query side behind, PostgreSQL under both. */
@SpringBootApplication
@Import({StockLedgerConfiguration.class, ReadModelConfiguration.class})
public class StockLedgerApplication {

    public static void main(String[] args) {
        // Axon's update checker phones home at startup; this service never calls out.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(StockLedgerApplication.class, args);
    }
}
