package io.stockledger.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;

/**
 * Sends the answer to a POST on /v1 whole: held until the request is done, then written once with its
 * {@code Content-Length}.
 *
 * <p>Why: Spring MVC flushes the response after writing a JSON body, so Tomcat sent every answer as a chunk followed by
 * a separate end-of-chunks write, two socket writes per reservation, where one will do. The answers are a few hundred
 * bytes, so holding one costs nothing. GETs are left alone: the exports stream rows of any number.
 *
 * <p>Answers that go through the idempotency filter are held there too (to be remembered); held twice, they are still
 * written once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class WholeAnswerFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, answer);
        if (isAsyncStarted(request)) {
            // no /v1 POST answers asynchronously: one that did would lose what it wrote after this point
            throw new IllegalStateException("an asynchronous answer to " + request.getRequestURI()
                    + " cannot be held by " + WholeAnswerFilter.class.getSimpleName());
        }
        answer.copyBodyToResponse();
    }
}
