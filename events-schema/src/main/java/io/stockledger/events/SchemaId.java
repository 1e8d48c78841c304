package io.stockledger.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The versioned schema id of an event type, {@code inventory.<entity>.<fact>.v<N>}. The stream subject is the
 * id without its version suffix.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SchemaId {

    String value();
}
