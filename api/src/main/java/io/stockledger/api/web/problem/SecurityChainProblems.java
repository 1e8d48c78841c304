package io.stockledger.api.web.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.security.MissingPermissionException;
import io.stockledger.api.security.TokenRefusedException;
import io.stockledger.api.security.TokenVerifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * The refusals of the Spring Security chain, which answers before MVC and so before {@link ProblemResponses}, as the
 * same problem documents as every other error:
 * <ul>
 *   <li>401 {@code UNAUTHENTICATED} for a /v1 request without a usable bearer token, why in {@code detail} (in the
 *   service's words, whoever refused), with {@code WWW-Authenticate: Bearer};</li>
 *   <li>403 for a caller whose valid token lacks a permission, naming it in {@code required_permission}: from the
 *   request rules of the chain, and (through {@link ProblemResponses}) from a handler that checks a further
 *   permission itself;</li>
 *   <li>400 {@code MALFORMED_REQUEST} for a request the firewall refuses to pass on (a path with {@code ;},
 *   {@code //}, {@code ..} or an encoded slash, a control character in a header), instead of the servlet
 *   container's error page.</li>
 * </ul>
 */
@Component
class SecurityChainProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    static final String NO_TOKEN = "an Authorization: Bearer <token> header is required";

    /** What the refusal of a handler that declares no permission names: there is none that would do. */
    static final String NONE_DECLARED = "(none declared for this endpoint)";

    static final String MALFORMED_DETAIL = "the request's path or headers hold something this service does not "
            + "accept (e.g. ';', '//', '..', an encoded '/' or a control character)";

    private final ObjectMapper json;

    SecurityChainProblems(ObjectMapper json) {
        this.json = json;
    }

    /** The firewall's refusal as a problem, wherever it is met (the chain, a handler, the error page). */
    static ProblemDetail malformed(HttpServletRequest request) {
        return Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "Malformed request", MALFORMED_DETAIL,
                request);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        Problems.write(Problems.unauthenticated(detailOf(failure), request), response, json);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Problems.write(Problems.forbidden(requiredPermission(denied), request), response, json);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        Problems.write(malformed(request), response, json);
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

    private static String requiredPermission(AccessDeniedException denied) {
        if (denied instanceof MissingPermissionException missing) {
            return missing.permission();
        }
        if (denied instanceof AuthorizationDeniedException refused
                && refused.getAuthorizationResult() instanceof AuthorityAuthorizationDecision needed
                && !needed.getAuthorities().isEmpty()) {
            return needed.getAuthorities().iterator().next().getAuthority();
        }
        return NONE_DECLARED; // the deny-all rule of a handler without @RequiresPermission
    }
}
