package io.stockledger.api.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Records how many events each batch of an event processor carried ({@code inventory.processor.batch.size}). A
 * processor that keeps up with the store handles a few events per batch, each batch with its own transaction and
 * token update; one that lags handles up to its batch size at once, so this tells how its cost per event will move.
 *
 * <p>A handler interceptor sees every event the processor handles, within the batch's unit of work; the batch is
 * counted at the first of its events that reaches it, whichever that is.
 */
public final class ProcessorBatchSizes implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String COUNTED = ProcessorBatchSizes.class.getName() + ".counted";

    private final DistributionSummary sizes;

    public ProcessorBatchSizes(String processor, MeterRegistry registry) {
        this.sizes = DistributionSummary.builder("inventory.processor.batch.size")
                .description("Events per batch an event processor handled in one unit of work and transaction")
                .baseUnit("events")
                .tag("processor", processor)
                .serviceLevelObjectives(1, 2, 5, 10, 25, 50, 100)
                .register(registry);
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        UnitOfWork<?> batch = unitOfWork.root();
        batch.getOrComputeResource(COUNTED, key -> {
            sizes.record(batchSizeOf(batch));
            return Boolean.TRUE;
        });
        return interceptorChain.proceed();
    }

    private static int batchSizeOf(UnitOfWork<?> batch) {
        return batch instanceof BatchingUnitOfWork<?> events ? events.getMessages().size() : 1;
    }
}
