package io.stockledger.api.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Configuration table and application.yml name the same environment variables with the same defaults,
 * and no document names a file outside the repository.
 */
class DocumentedSettingsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Read by Spring Boot or OpenTelemetry themselves, not through a placeholder in application.yml. */
    private static final Set<String> READ_DIRECTLY = Set.of("SPRING_PROFILES_ACTIVE", "OTEL_EXPORTER_OTLP_ENDPOINT");

    @Test
    void everyVariableOfApplicationYmlIsDocumentedWithItsDefaultAndNoOtherIs() throws IOException {
        String yaml = Files.readString(ROOT.resolve("api/src/main/resources/application.yml"));
        String readme = Files.readString(ROOT.resolve("README.md"));
        String configuration = readme.substring(readme.indexOf("## Configuration"),
                readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1));

        Set<String> inYaml = new TreeSet<>();
        Matcher placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+):([^}]*)}").matcher(yaml);
        while (placeholder.find()) {
            String variable = placeholder.group(1);
            inYaml.add(variable);
            String row = configuration.lines().filter(line -> line.startsWith("| `")
                            && line.split("\\|")[1].contains("`" + variable + "`"))
                    .findFirst().orElse(null);
            assertThat(row).as("%s (application.yml) in the README's Configuration table", variable).isNotNull();
            String defaultValue = placeholder.group(2);
            if (defaultValue.startsWith("${")) {
                // A default that is another variable (${A:${B:4}}) is documented by naming that variable.
                defaultValue = defaultValue.substring(2, defaultValue.indexOf(':'));
            }
            if (!defaultValue.isEmpty() && !row.contains(" / ") && !row.contains("`, `")) {
                assertThat(row.split("\\|")[2]).as("the documented default of %s", variable)
                        .contains("`" + defaultValue + "`");
            }
        }

        Set<String> documented = new TreeSet<>();
        Matcher variable = Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(configuration.lines()
                .filter(line -> line.startsWith("| `")).map(line -> line.split("\\|")[1])
                .reduce("", String::concat));
        while (variable.find()) {
            documented.add(variable.group(1));
        }
        documented.removeAll(READ_DIRECTLY);
        assertThat(inYaml).containsAll(documented);
    }

    @Test
    void noDocumentNamesAFileOutsideTheRepository() throws IOException {
        try (var docs = Files.list(ROOT.resolve("docs"))) {
            for (Path document : docs.filter(path -> path.toString().endsWith(".md")).toList()) {
                assertThat(Files.readString(document)).as(document.toString())
                        .doesNotContain("DESIGN.md", "../shared");
            }
        }
        assertThat(Files.readString(ROOT.resolve("README.md"))).doesNotContain("DESIGN.md", "../shared");
    }
}
