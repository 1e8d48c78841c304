package io.stockledger.api.security;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The roles of {@code ledger.security.roles} and the permissions each grants, read from the application.yml the
 * service itself reads, so that {@code mint-token} (which runs without starting the service) knows the same ones.
 */
final class ConfiguredRoles {

    private ConfiguredRoles() {
    }

    static Map<String, List<String>> fromApplicationYaml() {
        try {
            MutablePropertySources sources = new MutablePropertySources();
            for (PropertySource<?> source : new YamlPropertySourceLoader()
                    .load("application.yml", new ClassPathResource("application.yml"))) {
                sources.addLast(source);
            }
            ResolvableType type = ResolvableType.forClassWithGenerics(Map.class, ResolvableType.forClass(String.class),
                    ResolvableType.forClassWithGenerics(List.class, String.class));
            return new Binder(ConfigurationPropertySources.from(sources))
                    .bind("ledger.security.roles", Bindable.<Map<String, List<String>>>of(type))
                    .orElse(Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.yml from the class path", e);
        }
    }
}
