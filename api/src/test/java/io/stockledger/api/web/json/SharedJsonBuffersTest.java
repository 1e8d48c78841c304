package io.stockledger.api.web.json;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The ObjectMapper that reads requests and writes answers takes its buffers from the pool every thread shares. */
class SharedJsonBuffersTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                    HttpMessageConvertersAutoConfiguration.class))
            .withUserConfiguration(SharedJsonBuffers.class);

    @Test
    void theBodiesMapperUsesTheSharedPoolNotOnePerThread() {
        context.run(beans -> {
            ObjectMapper bodies = beans.getBean(MappingJackson2HttpMessageConverter.class).getObjectMapper();
            assertThat(bodies.getFactory()._getRecyclerPool())
                    .isSameAs(JsonRecyclerPools.sharedConcurrentDequePool())
                    .isNotInstanceOf(JsonRecyclerPools.ThreadLocalPool.class);
        });
    }

    @Test
    void aBufferReleasedOnOneVirtualThreadIsLentOnAnother() throws Exception {
        context.run(beans -> {
            var pool = beans.getBean(ObjectMapper.class).getFactory()._getRecyclerPool();
            var released = onAVirtualThread(() -> {
                var buffers = pool.acquirePooled();
                pool.releasePooled(buffers);
                return buffers;
            });
            // the pool is the JVM's: others may have released buffers before ours, so take until ours comes (a
            // per-thread pool would lend this thread its own, never the one released on the other)
            boolean lent = onAVirtualThread(() -> {
                List<BufferRecycler> taken = new ArrayList<>();
                try {
                    for (int i = 0; i < 10_000; i++) {
                        var buffers = pool.acquirePooled();
                        taken.add(buffers);
                        if (buffers == released) {
                            return true;
                        }
                    }
                    return false;
                } finally {
                    taken.forEach(pool::releasePooled);
                }
            });
            assertThat(lent).isTrue();
        });
    }

    private static <T> T onAVirtualThread(Callable<T> work) throws Exception {
        try (var thread = Executors.newVirtualThreadPerTaskExecutor()) {
            return thread.submit(work).get();
        }
    }
}
