package io.stockledger.api.security;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.time.Clock;

/**
 * Spring Security as the resource server of /v1: every request there needs a bearer token, which Spring Security's
 * {@code BearerTokenAuthenticationFilter} takes from the {@code Authorization} header and
 * {@link BearerTokenAuthenticationProvider} verifies with jjwt; then the endpoint's permission
 * ({@link EndpointPermissions}) is checked against the token's authorities. Refusals are the service's problem
 * documents: 401 from the {@link AuthenticationEntryPoint}, 403 from the {@link AccessDeniedHandler} (both in
 * {@code web.problem}).
 *
 * <p>Only /v1 goes through this chain. The OpenAPI document and Swagger UI stay open on the API port, and actuator,
 * on the management port only, stays open there: Spring Boot puts the same security filter in front of the
 * management port, and no chain matches its paths.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
public class SecurityConfiguration {

    static final String API = "/v1/";

    @Bean
    public TokenVerifier tokenVerifier(SecuritySettings settings,
                                       @Value("${spring.datasource.url:}") String databaseUrl) {
        SecuritySettings.Jwt jwt = settings.jwt();
        return new TokenVerifier(VerificationKeys.resolve(jwt, databaseUrl.isBlank()), jwt.policy(),
                settings.rolesOrEmpty(), Clock.systemUTC());
    }

    /**
     * No observations of Spring Security's own: with Micrometer present it times every filter of the chain, every
     * authentication and every authorisation, which doubled the chain's cost per request (about 30 µs instead of 15
     * on these cores). HTTP requests are timed and counted by status already (http_server_requests, and
     * inventory_reservation_* for the ledger's operations, 401 and 403 included).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's default firewall, its character rules checked without regular expressions
     * ({@link HeaderCharacters}). Spring Security puts an {@link HttpFirewall} bean in place of its own.
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedInName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedInValue);
        firewall.setAllowedParameterNames(HeaderCharacters::allowedInName);
        return firewall;
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, TokenVerifier verifier,
                                    @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mvc,
                                    AuthenticationEntryPoint unauthenticated, AccessDeniedHandler forbidden)
            throws Exception {
        AuthenticationManager bearerTokens = new ProviderManager(new BearerTokenAuthenticationProvider(verifier));
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(API + "**"))
                // bearer tokens only: no session, no cookie, so nothing for CSRF to forge, no login or logout
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(request -> bearerTokens)
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .authorizeHttpRequests(requests -> {
                    for (EndpointPermissions.Rule rule : EndpointPermissions.of(mvc.getHandlerMethods(), API)) {
                        if (rule.permission() == null) {
                            requests.requestMatchers(rule.matcher()).denyAll();
                        } else {
                            requests.requestMatchers(rule.matcher()).hasAuthority(rule.permission());
                        }
                    }
                    // any other /v1 path: a token first, then MVC's 404 (or 405), so paths are not probed anonymously
                    requests.anyRequest().authenticated();
                });
        return http.build();
    }
}
