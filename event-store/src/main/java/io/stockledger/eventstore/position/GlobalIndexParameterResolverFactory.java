package io.stockledger.eventstore.position;

import org.axonframework.common.Priority;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;

/**
 * Resolves a handler's {@code @MetaDataValue("global_index")} parameter as Axon's own resolver does, but from the
 * event itself when it knows its index ({@link GlobalIndexedEventMessage}): Axon's resolver deserialised every
 * event's stored metadata JSON to find the one entry the stamp had merged in (2.6% of the JVM's CPU over a whole audit
 * benchmark, the movement journal's only reason to read metadata). Any other parameter is left to Axon.
 *
 * <p>Found through {@code META-INF/services}, as Axon finds its own, and asked before them ({@link Priority#HIGH}).
 */
@Priority(Priority.HIGH)
public final class GlobalIndexParameterResolverFactory implements ParameterResolverFactory {

    @Override
    public ParameterResolver<?> createInstance(Executable executable, Parameter[] parameters, int parameterIndex) {
        Parameter parameter = parameters[parameterIndex];
        MetaDataValue annotation = parameter.getAnnotation(MetaDataValue.class);
        if (annotation == null || !GlobalIndexStamping.METADATA_KEY.equals(annotation.value())
                || !parameter.getType().isAssignableFrom(Long.class)) {
            return null;
        }
        return new GlobalIndexResolver(annotation.required(), parameter.getType());
    }

    private record GlobalIndexResolver(boolean required, Class<?> type) implements ParameterResolver<Object> {

        @Override
        public Object resolveParameterValue(Message<?> message) {
            if (message instanceof GlobalIndexedEventMessage<?> indexed) {
                return indexed.globalIndex();
            }
            return message.getMetaData().get(GlobalIndexStamping.METADATA_KEY);
        }

        @Override
        public boolean matches(Message<?> message) {
            return !required || message instanceof GlobalIndexedEventMessage<?>
                    || type.isInstance(message.getMetaData().get(GlobalIndexStamping.METADATA_KEY));
        }
    }
}
