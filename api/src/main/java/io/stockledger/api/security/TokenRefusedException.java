package io.stockledger.api.security;

import org.springframework.security.core.AuthenticationException;

/**
 * A bearer token this service does not accept (401): malformed, badly signed, of another algorithm, expired, not
 * valid yet, too long-lived, or lacking a required claim. The message is the problem's {@code detail}, in the API's
 * own words: never the JWT library's text, which can change with its version and says more than a client needs.
 */
public class TokenRefusedException extends AuthenticationException {

    public TokenRefusedException(String detail) {
        super(detail);
    }
}
