package io.stockledger.api.security;

/** No usable bearer token: missing, malformed, expired, badly signed, or lacking a required claim (401). */
public class AuthenticationException extends RuntimeException {

    public AuthenticationException(String message) {
        super(message);
    }
}
