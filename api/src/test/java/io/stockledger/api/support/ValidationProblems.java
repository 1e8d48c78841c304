package io.stockledger.api.support;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad query input must be a 422 problem naming the field at fault. */
public final class ValidationProblems {

    private ValidationProblems() {
    }

    /** Each path, read with GET, is a 422 {@code VALIDATION_FAILED} problem whose first error names its field. */
    public static void assertEachGetRefused(LedgerClient client, Map<String, String> fieldByPath) {
        fieldByPath.forEach((path, field) -> {
            LedgerClient.Response response = client.get(path);
            assertThat(response.status()).as("%s: %s", path, response.raw()).isEqualTo(422);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.text("code")).isEqualTo("VALIDATION_FAILED");
            assertThat(response.body().at("/errors/0/field").asText()).as(path).isEqualTo(field);
        });
    }
}
