package io.stockledger.eventstore.chain;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wraps whatever event storage engine Axon's auto-configuration builds (the JDBC one, configured in
 * {@code EventStoreConfiguration}) in the {@link HashChainingStorageEngine}, so that every event appended through
 * Axon is chained, without re-stating how the JDBC engine is built.
 */
@Configuration(proxyBeanMethods = false)
public class HashChainConfiguration {

    /**
     * Static, and with lazy providers, as a bean post-processor must be: it exists before the beans it needs, which
     * it only asks for at the first append.
     */
    @Bean
    static BeanPostProcessor hashChainingStorageEngine(
            @Qualifier("eventSerializer") ObjectProvider<Serializer> eventSerializer,
            ObjectProvider<TransactionManager> transactions, ObjectProvider<JdbcTemplate> jdbc) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof EventStorageEngine engine && !(bean instanceof HashChainingStorageEngine)) {
                    return new HashChainingStorageEngine(engine, eventSerializer::getObject,
                            transactions::getObject, jdbc::getObject);
                }
                return bean;
            }
        };
    }
}
