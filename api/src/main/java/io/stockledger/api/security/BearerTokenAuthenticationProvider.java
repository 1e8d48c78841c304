package io.stockledger.api.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates the bearer token Spring Security's {@code BearerTokenAuthenticationFilter} found, with the
 * {@link TokenVerifier}: jjwt checks the signature and the claims, the verifier's policy the rest, and a token seen
 * before is answered from its memory. A token it refuses is a {@link TokenRefusedException} saying why.
 */
final class BearerTokenAuthenticationProvider implements AuthenticationProvider {

    private final TokenVerifier verifier;

    BearerTokenAuthenticationProvider(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public CallerAuthentication authenticate(Authentication authentication) {
        return new CallerAuthentication(verifier.verify(((BearerTokenAuthenticationToken) authentication).getToken()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
