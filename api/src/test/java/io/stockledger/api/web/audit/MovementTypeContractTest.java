package io.stockledger.api.web.audit;

import io.stockledger.events.effect.MovementType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The movement types a filter can name are exactly those the journal's projection writes: both are the one
 * {@link MovementType} of the event contract, and its names are part of the HTTP contract, so they are stated here.
 */
class MovementTypeContractTest {

    @Test
    void theFilterKnowsEveryTypeTheJournalWrites() {
        assertThat(Arrays.stream(MovementType.values()).map(Enum::name)).containsExactly("RECEIPT", "ADJUSTMENT",
                "RESERVATION", "SHIPMENT", "RELEASE", "EXPIRY", "QUARANTINE", "UNQUARANTINE", "POLICY_CHANGE",
                "TRANSFER_OUT", "TRANSFER_IN", "TRANSFER_RETURN");
    }
}
