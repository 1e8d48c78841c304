package io.stockledger.api.security;

/** A {@code mint-token} invocation that cannot be run as given: the message says what to change. */
public final class MintTokenUsageException extends RuntimeException {

    public MintTokenUsageException(String message) {
        super(message);
    }
}
