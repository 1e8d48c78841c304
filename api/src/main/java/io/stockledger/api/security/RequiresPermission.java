package io.stockledger.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a caller's token must grant to reach this endpoint. Every /v1 handler method carries one; the
 * security chain's rules are built from it ({@link EndpointPermissions}), and a handler without it is refused to
 * everyone.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresPermission {

    String value();
}
