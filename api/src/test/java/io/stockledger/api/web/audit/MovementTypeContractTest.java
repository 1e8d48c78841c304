package io.stockledger.api.web.audit;

import io.stockledger.query.api.MovementType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The movement types a filter can name are exactly those the journal's projection writes. */
class MovementTypeContractTest {

    @Test
    void theFilterKnowsEveryTypeTheJournalWrites() throws Exception {
        // the projection's own enum is package-private (the query side's internals); read it by name
        Object[] written = Class.forName("io.stockledger.query.movement.MovementType").getEnumConstants();

        assertThat(Arrays.stream(MovementType.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(written).map(type -> ((Enum<?>) type).name()).toList());
    }
}
