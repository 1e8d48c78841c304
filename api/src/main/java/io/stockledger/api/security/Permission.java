package io.stockledger.api.security;

/** The permission names of the contract, {@code resource:action}, as carried in a token's {@code permissions}. */
public final class Permission {

    public static final String RECEIVE = "inventory:receive";
    public static final String RESERVE = "inventory:reserve";
    public static final String CONFIRM = "inventory:confirm";
    public static final String RELEASE = "inventory:release";
    public static final String ADJUST = "inventory:adjust";
    public static final String TRANSFER = "inventory:transfer";
    /** Every GET of stock, lots, reservations and transfers. */
    public static final String READ = "inventory:read";
    /** Policies, lot quarantine, the relay's replay. */
    public static final String ADMIN = "inventory:admin";
    public static final String AUDIT_READ = "audit:read";
    public static final String AUDIT_ADMIN = "audit:admin";

    private Permission() {
    }
}
