package io.stockledger.api.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;

/** Bearer tokens on every /v1 endpoint, permissions per endpoint. Actuator lives on the management port, open. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
public class SecurityConfiguration implements WebMvcConfigurer {

    private final TokenVerifier verifier;
    private final AccessInterceptor access;

    public SecurityConfiguration(SecuritySettings settings, @Value("${spring.datasource.url:}") String databaseUrl) {
        SecuritySettings.Jwt jwt = settings.jwt();
        this.verifier = new TokenVerifier(VerificationKeys.resolve(jwt, databaseUrl.isBlank()), jwt.policy(),
                settings.rolesOrEmpty(), Clock.systemUTC());
        this.access = new AccessInterceptor(verifier);
    }

    @Bean
    public TokenVerifier tokenVerifier() {
        return verifier;
    }

    @Bean
    public AccessInterceptor accessInterceptor() {
        return access;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(access).addPathPatterns("/v1/**");
    }
}
