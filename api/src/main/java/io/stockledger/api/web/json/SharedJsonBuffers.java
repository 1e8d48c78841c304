package io.stockledger.api.web.json;

import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request and answer bodies' JSON buffers, shared by all threads. Jackson lends each parser and generator its
 * read, write and text buffers from a pool that is, by default, one per thread. Every request here runs on a virtual
 * thread of its own, so that pool never saw a thread twice: each request allocated fresh buffers (about 16 KB) for
 * its body and its answer, a sixth of all the bytes the service allocated on reservations spread over many SKUs,
 * and so of its young collections. One pool shared by every thread hands the same buffers back.
 */
@Configuration(proxyBeanMethods = false)
public class SharedJsonBuffers {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer sharedJsonBufferPool() {
        return builder -> builder.postConfigurer(
                mapper -> mapper.getFactory().setRecyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()));
    }
}
