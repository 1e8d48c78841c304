package io.stockledger.api.wiring;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What every event processor of the service gets, whichever module declares it. */
@Configuration(proxyBeanMethods = false)
public class EventProcessingWiring {

    @Bean
    public ConfigurerModule sharedNoResultForEveryProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultHandlerInterceptor((configuration, processorName) -> new SharedNoResult());
    }
}
