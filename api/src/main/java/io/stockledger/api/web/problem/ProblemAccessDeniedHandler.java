package io.stockledger.api.web.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.security.MissingPermissionException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * The 403 of a caller whose valid token lacks a permission, as a problem document naming it in
 * {@code required_permission}: from the request rules of the security chain, and (through {@link ProblemResponses})
 * from a handler that checks a further permission itself.
 */
@Component
class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    /** What the refusal of a handler that declares no permission names: there is none that would do. */
    static final String NONE_DECLARED = "(none declared for this endpoint)";

    private final ObjectMapper json;

    ProblemAccessDeniedHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Problems.write(Problems.forbidden(requiredPermission(denied), request), response, json);
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
