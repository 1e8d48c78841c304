package io.stockledger.api.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceIdFilterTest {

    @Test
    void theTraceIdOfAW3cTraceparentIsUsed() {
        assertThat(TraceIdFilter.w3cTraceIdOf("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void aMissingMalformedOrAllZeroTraceparentGetsAFreshId() {
        assertThat(TraceIdFilter.w3cTraceIdOf(null)).hasSize(36);
        assertThat(TraceIdFilter.w3cTraceIdOf("00-nothex-00f067aa0ba902b7-01")).hasSize(36);
        assertThat(TraceIdFilter.w3cTraceIdOf("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")).hasSize(36);
    }
}
