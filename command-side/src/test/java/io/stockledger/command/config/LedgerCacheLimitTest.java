package io.stockledger.command.config;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LedgerCacheLimitTest {

    private static final long HEAP = 4L << 30;

    private static Environment with(Map<String, Object> properties) {
        AbstractEnvironment environment = new AbstractEnvironment() {
        };
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    @Test
    void byDefaultAQuarterOfTheHeap() {
        assertThat(LedgerCacheLimit.bytes(with(Map.of()), HEAP)).isEqualTo(1L << 30);
    }

    @Test
    void aShareOfTheHeapOrASize() {
        assertThat(LedgerCacheLimit.bytes(with(Map.of("ledger.cache.max-memory", "50%")), HEAP)).isEqualTo(2L << 30);
        assertThat(LedgerCacheLimit.bytes(with(Map.of("ledger.cache.max-memory", " 12.5 %")), HEAP))
                .isEqualTo(512L << 20);
        assertThat(LedgerCacheLimit.bytes(with(Map.of("ledger.cache.max-memory", "512MB")), HEAP))
                .isEqualTo(512L << 20);
    }

    @Test
    void aSettingItCannotUseStopsTheStartSayingWhy() {
        assertThatIllegalStateException()
                .isThrownBy(() -> LedgerCacheLimit.bytes(with(Map.of("ledger.cache.max-memory", "lots")), HEAP))
                .withMessageContaining("must be a size (512MB) or a share of the heap (25%), was lots");
        assertThatIllegalStateException()
                .isThrownBy(() -> LedgerCacheLimit.bytes(with(Map.of("ledger.cache.max-memory", "0MB")), HEAP))
                .withMessageContaining("must be more than 0");
        assertThatIllegalStateException()
                .isThrownBy(() -> LedgerCacheLimit.bytes(with(Map.of("ledger.cache.max-memory", "95%")), HEAP))
                .withMessageContaining("at most 90%");
        assertThatIllegalStateException()
                .isThrownBy(() -> LedgerCacheLimit.bytes(with(Map.of("ledger.cache.max-memory", "x%")), HEAP))
                .withMessageContaining("was x%");
    }

    @Test
    void theReplacedCountIsRefusedByNameRatherThanIgnored() {
        assertThatIllegalStateException()
                .isThrownBy(() -> LedgerCacheLimit.bytes(with(Map.of("ledger.cache.max-ledgers", "40000")), HEAP))
                .withMessageContaining("LEDGER_CACHE_MAX_LEDGERS")
                .withMessageContaining("LEDGER_CACHE_MAX_MEMORY");
    }
}
