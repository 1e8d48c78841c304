package io.stockledger.eventstore;

import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.stockledger.eventstore.upcasting.SchemaVersionRevisionResolver;
import io.stockledger.eventstore.upcasting.UnrevisionedEventUpcaster;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Instant;

/**
 * JSON everywhere Axon stores something: events, snapshots, tokens, metadata. Axon gets its own ObjectMapper so that
 * the REST layer's strict settings (unknown fields rejected, no coercion) never affect stored data, and stored data
 * stays readable when the REST contract evolves.
 */
@Configuration(proxyBeanMethods = false)
public class SerializerConfiguration {

    public static ObjectMapper storageObjectMapper() {
        ObjectMapper mapper = new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // an event written by a newer version with an extra optional field must still load
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // events are serialised on the writing request's virtual thread, where Jackson's default per-thread buffer
        // pool would hand out fresh buffers every time
        mapper.getFactory().setRecyclerPool(JsonRecyclerPools.sharedConcurrentDequePool());
        // registered after Jackson's Java time module, so it is asked first (and Axon's own registration of that
        // module, a duplicate, is ignored)
        mapper.registerModule(new SimpleModule("stored-instants").addDeserializer(Instant.class,
                new IsoInstantDeserializer()));
        return mapper;
    }

    public static Serializer jsonSerializer() {
        return new ClassCachingJacksonSerializer(JacksonSerializer.builder().objectMapper(storageObjectMapper()));
    }

    /** Events: ISO instants, and each event's contract version recorded as its payload revision. */
    public static Serializer eventJsonSerializer() {
        return new ClassCachingJacksonSerializer(JacksonSerializer.builder()
                .objectMapper(storageObjectMapper())
                .revisionResolver(new SchemaVersionRevisionResolver()));
    }

    /**
     * Snapshots, tokens and sagas: instants as epoch-second decimals instead of ISO text. A busy ledger's snapshot
     * holds thousands of instants, and parsing ISO text was the largest cost of restoring one (measured with
     * ColdLoadBenchmark). Events keep ISO text: people read them.
     */
    public static Serializer stateSerializer() {
        return new ClassCachingJacksonSerializer(JacksonSerializer.builder()
                .objectMapper(storageObjectMapper().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)));
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return stateSerializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return eventJsonSerializer();
    }

    @Bean
    public EventUpcaster unrevisionedEventUpcaster() {
        return new UnrevisionedEventUpcaster();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return jsonSerializer();
    }
}
