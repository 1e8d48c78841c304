package io.stockledger.command.ledger;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class UsedKeyTest {

    @Test
    void keysOfRequestsWithTheSameFingerprintShareOneCopyOfItsText() {
        // built at run time, as each request builds its own
        String first = new StringBuilder("reserve quantity=").append(1).append(" ttl_seconds=900").toString();
        String second = new StringBuilder("reserve quantity=").append(1).append(" ttl_seconds=900").toString();
        assertThat(first).isNotSameAs(second);

        UsedKey one = UsedKey.forReservation(first, UUID.randomUUID(), UUID.randomUUID(), 1, Instant.EPOCH);
        UsedKey other = UsedKey.forReservation(second, UUID.randomUUID(), UUID.randomUUID(), 1, Instant.EPOCH);

        assertThat(one.fingerprint()).isEqualTo(first).isSameAs(other.fingerprint());
    }
}
