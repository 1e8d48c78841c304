package io.stockledger.query.config;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The query side: projections of ledger events into PostgreSQL tables, and the query handlers that read them.
 * All projections share one streaming processing group, so one pass over the event store feeds them all.
 * The NATS relay is not scanned here: the service imports {@code NatsRelayConfiguration} only when NATS is
 * configured.
 */
@Configuration
@ComponentScan(basePackages = {"io.stockledger.query.balance", "io.stockledger.query.reservation",
        "io.stockledger.query.movement", "io.stockledger.query.lot", "io.stockledger.query.transfer",
        "io.stockledger.query.availability", "io.stockledger.query.console"})
public class ReadModelConfiguration {

    /** Processing group of every read-model projection; its token lives in {@code token_entry}. */
    public static final String READ_MODELS = "read-models";
}
