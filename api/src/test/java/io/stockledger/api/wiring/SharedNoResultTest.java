package io.stockledger.api.wiring;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared result stands in for an event handler's nothing, and for nothing else, inside the same batching unit of
 * work the event processors use.
 */
class SharedNoResultTest {

    private final SharedNoResult interceptor = new SharedNoResult();

    @Test
    void nothingBecomesTheSharedEmptyResultAndTheBatchSeesNoFailure() {
        BatchingUnitOfWork<EventMessage<?>> batch = batchOf(2);

        var result = batch.executeWithResult(() -> interceptor.handle(batch, () -> null));

        assertThat(result).isSameAs(SharedNoResult.NO_RESULT);
        assertThat(result.isExceptional()).isFalse();
        assertThat(SharedNoResult.NO_RESULT.getPayload()).isNull();
        assertThat(SharedNoResult.NO_RESULT.getMetaData()).as("built outside any unit of work").isEmpty();
    }

    @Test
    void aResultIsPassedOnUntouched() throws Exception {
        var own = GenericResultMessage.asResultMessage("handled");

        assertThat(interceptor.handle(batchOf(1), () -> own)).isSameAs(own);
        assertThat(interceptor.handle(batchOf(1), () -> "a value")).isEqualTo("a value");
    }

    @Test
    void aHandlersFailurePropagatesAndFailsTheBatch() {
        IllegalStateException failure = new IllegalStateException("projection failed");
        assertThatThrownBy(() -> interceptor.handle(batchOf(1), () -> {
            throw failure;
        })).isSameAs(failure);

        BatchingUnitOfWork<EventMessage<?>> batch = batchOf(1);
        var result = batch.executeWithResult(() -> interceptor.handle(batch, () -> {
            throw failure;
        }));
        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).isSameAs(failure);
    }

    private static BatchingUnitOfWork<EventMessage<?>> batchOf(int events) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            messages.add(GenericEventMessage.asEventMessage("event " + i));
        }
        return new BatchingUnitOfWork<>(messages);
    }
}
