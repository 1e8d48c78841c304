package io.stockledger.api.security;

/** A valid token that does not grant the endpoint's permission (403). */
public class AccessDeniedException extends RuntimeException {

    private final String permission;

    public AccessDeniedException(String permission) {
        super("this endpoint needs the permission " + permission);
        this.permission = permission;
    }

    public String permission() {
        return permission;
    }
}
