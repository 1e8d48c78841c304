package io.stockledger.query.audit;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * What auditors read: a ledger's events straight from the event store ({@link LedgerHistory}) and the movement
 * journal, by page or as a stream ({@link MovementJournalReader}). Neither writes anything nor belongs to a processor;
 * the service imports this configuration next to {@code ReadModelConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan("io.stockledger.query.audit")
public class AuditQueriesConfiguration {
}
