package io.stockledger.command.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * How much heap the ledger cache may fill, by its estimate ({@link LedgerFootprint}): {@code ledger.cache.max-memory}
 * ({@code LEDGER_CACHE_MAX_MEMORY}), either a size ({@code 512MB}) or a share of the maximum heap ({@code 25%}, the
 * default). A share follows the heap the instance is given, so a larger container holds more ledgers without a second
 * setting to keep in step.
 */
final class LedgerCacheLimit {

    private static final Logger log = LoggerFactory.getLogger(LedgerCacheLimit.class);

    static final String PROPERTY = "ledger.cache.max-memory";
    static final String DEFAULT = "25%";
    /** The count bound this limit replaced; a deployment still setting it is told so rather than silently ignored. */
    static final String REPLACED_PROPERTY = "ledger.cache.max-ledgers";

    private LedgerCacheLimit() {
    }

    /** The limit in bytes, for a JVM whose maximum heap is {@code maxHeapBytes}; refuses a setting it cannot read. */
    static long bytes(Environment environment, long maxHeapBytes) {
        if (environment.containsProperty(REPLACED_PROPERTY)) {
            throw new IllegalStateException(REPLACED_PROPERTY + " (LEDGER_CACHE_MAX_LEDGERS) is no longer read: the "
                    + "ledger cache is bounded by memory, " + PROPERTY + " (LEDGER_CACHE_MAX_MEMORY), a size such as "
                    + "512MB or a share of the heap such as 25% (the default). Remove the old setting.");
        }
        String setting = environment.getProperty(PROPERTY, DEFAULT).strip();
        long bytes = setting.endsWith("%") ? share(setting, maxHeapBytes) : size(setting);
        if (bytes <= 0) {
            throw new IllegalStateException(PROPERTY + " must be more than 0, was " + setting);
        }
        // what an operator sizing the heap needs to see once: the limit as set and what it came to
        log.info("Ledger cache: up to {} MB of ledgers by estimate ({}={}, maximum heap {} MB)", bytes >> 20,
                PROPERTY, setting, maxHeapBytes >> 20);
        return bytes;
    }

    private static long share(String setting, long maxHeapBytes) {
        double percent;
        try {
            percent = Double.parseDouble(setting.substring(0, setting.length() - 1).strip());
        } catch (NumberFormatException e) {
            throw unreadable(setting, e);
        }
        if (percent <= 0 || percent > 90) {
            throw new IllegalStateException(PROPERTY + " as a share of the heap must be above 0% and at most 90% "
                    + "(the service needs the rest), was " + setting);
        }
        return (long) (maxHeapBytes * percent / 100);
    }

    private static long size(String setting) {
        try {
            return DataSize.parse(setting).toBytes();
        } catch (IllegalArgumentException e) {
            throw unreadable(setting, e);
        }
    }

    private static IllegalStateException unreadable(String setting, RuntimeException cause) {
        return new IllegalStateException(PROPERTY + " must be a size (512MB) or a share of the heap (25%), was "
                + setting, cause);
    }
}
