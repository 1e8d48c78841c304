package io.stockledger.audit;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The auditors' work over the event store and the read models: verification of the hash chain, reconciliation,
 * rebuild, balances as of an instant, a ledger's history, and the job runner that runs the long ones in the
 * background. The service imports it; nothing here serves HTTP.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan("io.stockledger.audit")
public class AuditConfiguration {
}
