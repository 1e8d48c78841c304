package io.stockledger.eventstore;

import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SerializerConfigurationTest {

    /**
     * Events are serialised on the writing request's virtual thread: a per-thread buffer pool would lend each write
     * fresh buffers.
     */
    @Test
    void everyStorageSerializerTakesItsBuffersFromThePoolAllThreadsShare() {
        assertThat(StorageSerializers.all()).allSatisfy(serializer ->
                assertThat(((JacksonSerializer) serializer).getObjectMapper().getFactory()._getRecyclerPool())
                        .isSameAs(JsonRecyclerPools.sharedConcurrentDequePool()));
    }
}
