package io.stockledger.api.security;

/**
 * The configured token key cannot be used (missing, too short, not a PEM RSA public key): the service refuses to
 * start, and the start-up report says which variable to set.
 */
public final class InvalidJwtKeyException extends IllegalStateException {

    public InvalidJwtKeyException(String message) {
        super(message);
    }

    public InvalidJwtKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
