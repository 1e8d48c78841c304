package io.stockledger.api.web;

/** The shape of an id in the contract: a canonical, hyphenated UUID. */
public final class Uuids {

    public static final String PATTERN =
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    public static final String MESSAGE = "must be a UUID";

    private Uuids() {
    }
}
