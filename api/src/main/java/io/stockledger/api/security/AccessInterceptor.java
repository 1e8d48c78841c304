package io.stockledger.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every request under /v1 (before routing, so an unknown path without a token is a 401, not a 404)
 * and authorises it against the handler's {@link RequiresPermission}. A handler without one is refused: forgetting
 * the annotation must not open an endpoint.
 */
public class AccessInterceptor implements HandlerInterceptor {

    private static final String CALLER = AccessInterceptor.class.getName() + ".caller";
    private static final String BEARER = "Bearer ";

    private final TokenVerifier verifier;

    public AccessInterceptor(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new TokenRefusedException("an Authorization: Bearer <token> header is required");
        }
        Caller caller = verifier.verify(authorization.substring(BEARER.length()).trim());
        request.setAttribute(CALLER, caller);
        if (handler instanceof HandlerMethod method) {
            RequiresPermission required = method.getMethodAnnotation(RequiresPermission.class);
            if (required == null) {
                throw new AccessDeniedException("(none declared for this endpoint)");
            }
            if (!caller.may(required.value())) {
                throw new AccessDeniedException(required.value());
            }
        }
        return true;
    }

    /** The verified caller of this request, or null outside /v1. */
    public static Caller callerOf(HttpServletRequest request) {
        return (Caller) request.getAttribute(CALLER);
    }
}
