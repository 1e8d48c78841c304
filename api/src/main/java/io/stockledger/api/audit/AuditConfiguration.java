package io.stockledger.api.audit;

import io.stockledger.query.audit.AuditQueriesConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Brings in the query side's readers for auditors (the event store's history, the movement journal). */
@Configuration(proxyBeanMethods = false)
@Import(AuditQueriesConfiguration.class)
public class AuditConfiguration {

    /** The OpenAPI tag of the auditors' endpoints. */
    public static final String TAG = "Audit";
}
