package io.stockledger.api.wiring;

import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.GenericResultMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Answers an event handled with one shared, empty result message instead of nothing.
 *
 * <p>Event handlers return nothing. Axon's batching unit of work wraps each event's result in a new result message
 * unless the result is one already, and a new message gets a random id (a {@code SecureRandom} draw) and the unit of
 * work's correlation data (every provider asked, two maps built). Nothing reads that message: the processor only asks
 * whether it is exceptional. That was 3.4% of the JVM's CPU on spread reservations in-process, in the read models' processor
 * and, through the request registry's processor, on every command's own thread (docs/performance.md, "One result
 * for every event handled").
 *
 * <p>A handler's failure is not touched: it propagates as before, and the processor's error handling sees it.
 */
public final class SharedNoResult implements MessageHandlerInterceptor<EventMessage<?>> {

    /** Built outside any unit of work, so it carries no correlation data; immutable, as every Axon message. */
    static final ResultMessage<Void> NO_RESULT = new GenericResultMessage<>(new GenericMessage<>(
            IdentifierFactory.getInstance().generateIdentifier(), Void.class, null, MetaData.emptyInstance()));

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object result = interceptorChain.proceed();
        return result == null ? NO_RESULT : result;
    }
}
