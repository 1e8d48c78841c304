package io.stockledger.api.web.console;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.core.annotation.AliasFor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@code limit} of the console's lists, documented once: how many rows one answer holds, 1 to {@link #MAX},
 * {@link #DEFAULT} when absent, for every list a console page shows (each list's query accepts as many).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "" + ConsoleLimit.MAX,
        defaultValue = "" + ConsoleLimit.DEFAULT))
@interface ConsoleLimit {

    int DEFAULT = 100;
    int MAX = 500;

    /** What the list holds, e.g. "At most this many SKUs.". */
    @AliasFor(annotation = Parameter.class, attribute = "description")
    String value();
}
