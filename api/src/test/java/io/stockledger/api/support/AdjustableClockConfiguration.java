package io.stockledger.api.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Import it into a {@link ServiceIntegrationTest} to run the service on an {@link AdjustableClock}. */
@TestConfiguration
public class AdjustableClockConfiguration {

    @Bean
    @Primary
    AdjustableClock adjustableClock() {
        return new AdjustableClock();
    }
}
