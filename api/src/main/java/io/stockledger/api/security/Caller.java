package io.stockledger.api.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;
import java.util.Set;

/** Who is calling, from a verified token: the subject, recorded as the actor of every event, and what it may do. */
public record Caller(String subject, Set<String> permissions) {

    /** The caller of the /v1 request the current thread serves, as Spring Security authenticated it. */
    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerAuthentication verified ? Optional.of(verified.getPrincipal())
                : Optional.empty();
    }
}
