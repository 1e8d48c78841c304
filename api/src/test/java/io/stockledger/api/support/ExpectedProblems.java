package io.stockledger.api.support;

import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal is an RFC 9457 problem document with the API's stable code; tests check all three at once. */
public final class ExpectedProblems {

    private ExpectedProblems() {
    }

    /** The response is a {@code application/problem+json} document with this status and {@code code}. */
    public static void assertProblem(LedgerClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo(code);
    }
}
