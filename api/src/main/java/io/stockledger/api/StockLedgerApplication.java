package io.stockledger.api;

import io.stockledger.api.security.MintTokenCommand;
import io.stockledger.api.startup.PortPreflight;
import io.stockledger.audit.AuditConfiguration;
import io.stockledger.command.config.StockLedgerConfiguration;
import io.stockledger.eventstore.EventStoreConfiguration;
import io.stockledger.query.config.ReadModelConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The stock ledger service: REST in front; the command side, the query side and the audit work behind; the event
 * store and PostgreSQL under all of them. Each module brings its own configuration, imported here.
 */
@SpringBootApplication
@Import({EventStoreConfiguration.class, StockLedgerConfiguration.class, ReadModelConfiguration.class,
        AuditConfiguration.class})
public class StockLedgerApplication {

    public static void main(String[] args) {
        if (args.length > 0 && MintTokenCommand.NAME.equals(args[0])) {
            int status = MintTokenCommand.run(args);
            if (status != 0) {
                System.exit(status);
            }
            return;
        }
        // Axon's update checker phones home at startup; this service never calls out.
        System.setProperty("axoniq.update-checker.disabled", "true");
        application().run(args);
    }

    /**
     * The service as {@code java -jar} starts it: its ports are checked before any database work, so a clash is
     * reported at once. (Tests that start instances on port 0 need no check and use the plain application.)
     */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(StockLedgerApplication.class);
        application.addListeners(new PortPreflight());
        return application;
    }
}
