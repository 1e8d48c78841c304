package io.stockledger.api.security;

import org.springframework.security.access.AccessDeniedException;

/**
 * A caller without a permission that a handler checks itself, on top of the one its endpoint requires (403 with
 * {@code required_permission}): e.g. {@code audit:read} for a balance {@code as_of} a past instant.
 */
public class MissingPermissionException extends AccessDeniedException {

    private final String permission;

    public MissingPermissionException(String permission) {
        super("this endpoint needs the permission " + permission);
        this.permission = permission;
    }

    public String permission() {
        return permission;
    }
}
