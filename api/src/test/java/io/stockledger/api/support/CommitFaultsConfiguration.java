package io.stockledger.api.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;

/** Puts {@link CommitFaults} into the ledger's transactions; import it into a test's context. */
@TestConfiguration(proxyBeanMethods = false)
public class CommitFaultsConfiguration {

    @Bean
    public CommitFaults commitFaults(DataSource dataSource) {
        return new CommitFaults(dataSource);
    }
}
