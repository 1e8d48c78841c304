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
        assertRefused("lots", "must be a size (512MB) or a share of the heap (25%), was lots");
        assertRefused("0MB", "must be more than 0");
        assertRefused("95%", "at most 90%");
        assertRefused("x%", "was x%");
    }

    private static void assertRefused(String setting, String reason) {
        assertThatIllegalStateException()
                .isThrownBy(() -> LedgerCacheLimit.bytes(with(Map.of("ledger.cache.max-memory", setting)), HEAP))
                .withMessageContaining(reason);
    }

    @Test
    void theReplacedCountIsRefusedByNameRatherThanIgnored() {
        assertThatIllegalStateException()
                .isThrownBy(() -> LedgerCacheLimit.bytes(with(Map.of("ledger.cache.max-ledgers", "40000")), HEAP))
                .withMessageContaining("LEDGER_CACHE_MAX_LEDGERS")
                .withMessageContaining("LEDGER_CACHE_MAX_MEMORY");
    }
}
