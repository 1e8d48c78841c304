package io.stockledger.api.web.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Response headers of the console's pages and files. The Content-Security-Policy lets the page load scripts, styles,
 * images and data from this service only: no external request can happen even by mistake, and an injected inline
 * script would not run. The token lives in the page, so the page must not be framed by another site.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleHeaders {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> consoleHeadersFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                    FilterChain chain) throws ServletException, IOException {
                        response.setHeader("Content-Security-Policy", POLICY);
                        response.setHeader("X-Content-Type-Options", "nosniff");
                        response.setHeader("X-Frame-Options", "DENY");
                        response.setHeader("Referrer-Policy", "no-referrer");
                        response.setHeader("Cache-Control", "no-cache");
                        chain.doFilter(request, response);
                    }
                });
        registration.addUrlPatterns("/console", "/console/*");
        registration.setName("consoleHeaders");
        return registration;
    }
}
