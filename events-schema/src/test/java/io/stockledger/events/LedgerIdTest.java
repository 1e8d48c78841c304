package io.stockledger.events;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger id text, {@code <product_id>:<warehouse_id>}, written and read in one place. */
class LedgerIdTest {

    private final UUID product = UUID.fromString("8b1f5c2e-3d4a-4e6f-9a7b-1c2d3e4f5a6b");
    private final UUID warehouse = UUID.fromString("0f9e8d7c-6b5a-4493-8271-605f4e3d2c1b");

    @Test
    void theTextIsTheProductIdAColonAndTheWarehouseId() {
        String text = "8b1f5c2e-3d4a-4e6f-9a7b-1c2d3e4f5a6b:0f9e8d7c-6b5a-4493-8271-605f4e3d2c1b";

        assertThat(LedgerId.format(product, warehouse)).isEqualTo(text);
        assertThat(new LedgerId(product, warehouse)).hasToString(text);
        assertThat(LedgerId.of(SampleEvents.received())).hasToString(SampleEvents.PRODUCT + ":"
                + SampleEvents.WAREHOUSE);
        assertThat(LedgerId.parse(text)).isEqualTo(new LedgerId(product, warehouse));
        Map.Entry<UUID, UUID> intoAnotherType = LedgerId.parse(text, Map::entry);
        assertThat(intoAnotherType).isEqualTo(Map.entry(product, warehouse));
    }

    @Test
    void textThatNamesNoLedgerIsRefusedOrEmpty() {
        for (String notALedger : new String[] {"no-colon", "not-a-uuid:" + warehouse, product + ":", ":",
                product + ":" + warehouse + ":extra"}) {
            assertThatThrownBy(() -> LedgerId.parse(notALedger)).as(notALedger)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(LedgerId.tryParse(notALedger)).as(notALedger).isEmpty();
        }
        assertThat(LedgerId.tryParse(product + ":" + warehouse)).contains(new LedgerId(product, warehouse));
    }
}
