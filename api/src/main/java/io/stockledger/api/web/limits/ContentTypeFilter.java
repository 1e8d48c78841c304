package io.stockledger.api.web.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.web.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A {@code Content-Type} that is no media type at all ({@code ;}, {@code * / *}, a stray control character) is a 415
 * {@code UNSUPPORTED_MEDIA_TYPE} problem up front. Spring MVC would otherwise fail on it deep inside reading the body,
 * with an {@link IllegalArgumentException} indistinguishable from a bug.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
public class ContentTypeFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    public ContentTypeFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !isConcrete(contentType)) {
            Problems.write(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "Unsupported media type", "the Content-Type is not a media type this service reads; send "
                            + MediaType.APPLICATION_JSON_VALUE, request), response, json);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isConcrete(String contentType) {
        if (contentType.isBlank()) {
            return true; // no type given: Spring MVC answers its own 415
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException notAType) {
            return false;
        }
    }
}
