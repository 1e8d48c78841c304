package io.stockledger.api.metrics;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every alert in {@code ops/prometheus/alerts.yml} links to its runbook section in {@code docs/runbooks.md}, and every
 * runbook section belongs to an alert: an alert added without a runbook, or a runbook left behind, fails the build.
 */
class AlertRunbooksTest {

    private static final Path ROOT = Path.of("..");

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertLinksToItsRunbookSectionAndEverySectionHasItsAlert() throws IOException {
        Map<String, Object> rules = new Yaml().load(Files.readString(ROOT.resolve("ops/prometheus/alerts.yml")));
        List<Map<String, Object>> alerts = ((List<Map<String, Object>>) rules.get("groups")).stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream()).toList();
        Set<String> sections = Files.readAllLines(ROOT.resolve("docs/runbooks.md")).stream()
                .filter(line -> line.startsWith("## "))
                .map(line -> line.substring(3).trim())
                .collect(Collectors.toSet());

        assertThat(alerts).isNotEmpty();
        for (Map<String, Object> alert : alerts) {
            String name = (String) alert.get("alert");
            Map<String, String> annotations = (Map<String, String>) alert.get("annotations");
            assertThat(annotations.get("runbook")).as(name)
                    .isEqualTo("docs/runbooks.md#" + name.toLowerCase(Locale.ROOT));
            assertThat(sections).as("a runbook section for " + name).contains(name);
        }
        assertThat(sections).as("runbook sections without an alert")
                .isEqualTo(alerts.stream().map(alert -> (String) alert.get("alert")).collect(Collectors.toSet()));
    }
}
