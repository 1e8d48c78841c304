package io.stockledger.api.support;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short ledger history the audit tests verify, reconcile and rebuild: every movement type that touches on hand
 * and reserved, written through the HTTP API so the events carry the service's own envelopes and chain.
 */
public final class ScriptedHistory {

    private ScriptedHistory() {
    }

    /**
     * Six events on one ledger: receive 40, reserve 5, confirm (on hand 35), reserve 6, release, adjust -2 for
     * DAMAGE: on hand 33, nothing reserved. Each write must succeed.
     */
    public static void sixEvents(LedgerClient client, UUID product, UUID warehouse) {
        assertThat(client.receive(product, warehouse, 40).status()).isEqualTo(200);
        String shipped = client.reserve(product, warehouse, 5, LedgerClient.key()).text("reservation_id");
        assertThat(client.confirm(shipped).status()).isEqualTo(200);
        String cancelled = client.reserve(product, warehouse, 6, LedgerClient.key()).text("reservation_id");
        assertThat(client.release(cancelled).status()).isEqualTo(200);
        assertThat(client.adjust(product, warehouse, -2, "DAMAGE", LedgerClient.key()).status()).isEqualTo(200);
    }
}
