package io.stockledger.api.web;

import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.StockedSku;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Answers to POSTs on /v1 are sent in one piece with their length, whoever writes them. */
class WholeAnswerTest extends ServiceIntegrationTest {

    @ParameterizedTest(name = "{0} of {1} units reserved: {2}")
    @CsvSource({"2, 5, 200", "2, 1, 409"})
    void aReservationAndTheLedgersRefusalAreAnsweredWithTheirLength(int reserved, int stocked, int status) {
        StockedSku sku = client.stockNewSku(stocked);

        Response answer = client.reserve(sku, reserved);

        assertThat(answer.status()).isEqualTo(status);
        assertWhole(answer);
    }

    @Test
    void aRefusalByTheSecurityChainIsAnsweredWithItsLength() {
        Response unauthenticated = new LedgerClient(baseUrl(), null).post("/v1/reserve",
                LedgerClient.reserveBody(UUID.randomUUID(), UUID.randomUUID(), 1,
                        LedgerClient.key(), 300));

        assertThat(unauthenticated.status()).isEqualTo(401);
        assertWhole(unauthenticated);
    }

    private static void assertWhole(Response answer) {
        assertThat(answer.header("Transfer-Encoding")).as("not sent in chunks").isNull();
        assertThat(answer.header("Content-Length")).as(answer.raw())
                .isEqualTo(Integer.toString(answer.raw().getBytes(StandardCharsets.UTF_8).length));
    }
}
