package io.stockledger.api.web.negotiation;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** Content negotiation by the {@code Accept} header alone, read leniently ({@link LenientAcceptStrategy}). */
@Configuration(proxyBeanMethods = false)
public class ContentNegotiationConfiguration implements WebMvcConfigurer {

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.strategies(List.of(new LenientAcceptStrategy()));
    }
}
