package io.stockledger.command.config;

/**
 * Told each time a command lost an append race and is retried. The service backs it with the
 * {@code inventory_race_conditions_total} metric; tests count with it directly.
 */
@FunctionalInterface
public interface RaceConditionCounter {

    void increment();
}
