package io.stockledger.api.web.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.security.TokenRefusedException;
import io.stockledger.api.security.TokenVerifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * The 401 of a /v1 request without a usable bearer token, as the same problem document as every other error:
 * {@code UNAUTHENTICATED}, why in {@code detail} (in the service's words, whoever refused), and
 * {@code WWW-Authenticate: Bearer}.
 */
@Component
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    static final String NO_TOKEN = "an Authorization: Bearer <token> header is required";

    private final ObjectMapper json;

    ProblemAuthenticationEntryPoint(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        Problems.write(Problems.unauthenticated(detailOf(failure), request), response, json);
    }

    private static String detailOf(AuthenticationException failure) {
        if (failure instanceof TokenRefusedException refused) {
            return refused.getMessage();
        }
        if (failure instanceof OAuth2AuthenticationException) {
            // Spring Security's bearer token resolver: an Authorization: Bearer header without a well-formed token
            return TokenVerifier.MALFORMED;
        }
        return NO_TOKEN; // no bearer token at all, so the caller is anonymous
    }
}
