package io.stockledger.api.docs;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * docker-compose.yml as the tests read it: its services, YAML merge keys resolved, and what started without a
 * profile (`docker compose up`) or with one (`--profile scaled`).
 */
record ComposeFile(Map<String, Map<String, Object>> services) {

    @SuppressWarnings("unchecked")
    static ComposeFile read(Path file) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(file));
        return new ComposeFile((Map<String, Map<String, Object>>) compose.get("services"));
    }

    Map<String, Object> service(String name) {
        return services.get(name);
    }

    /** The services a profile adds; "" for those that run without one. */
    Map<String, Map<String, Object>> inProfile(String profile) {
        Map<String, Map<String, Object>> selected = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            List<?> profiles = (List<?>) service.getOrDefault("profiles", List.of());
            if (profile.isEmpty() ? profiles.isEmpty() : profiles.contains(profile)) {
                selected.put(name, service);
            }
        });
        return selected;
    }

    @SuppressWarnings("unchecked")
    Map<String, String> environment(String name) {
        return (Map<String, String>) services.get(name).get("environment");
    }
}
