package io.stockledger.command.order;

import io.stockledger.command.api.StockLedgerId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stock for the sourcing tests: per ledger, unreserved units in lots with an expiry date (or none), picked
 * earliest-expiry first like the ledger's default policy. A test double of the ledger's trial, for the sourcing
 * rules alone; the real trial is the ledger's own lot rules, exercised over HTTP.
 */
final class TrialStock {

    private final Map<StockLedgerId, List<long[]>> lots = new HashMap<>();

    /** {@code units} in a lot expiring at {@code expiry} (null: never) of {@code product} in {@code warehouse}. */
    TrialStock with(UUID product, UUID warehouse, long units, LocalDate expiry) {
        lots.computeIfAbsent(new StockLedgerId(product, warehouse), id -> new ArrayList<>())
                .add(new long[] {units, expiry == null ? Long.MAX_VALUE : expiry.toEpochDay()});
        return this;
    }

    TrialStock with(UUID product, UUID warehouse, long units) {
        return with(product, warehouse, units, null);
    }

    /** A fresh try: each call starts from the stock as set up. */
    OrderSourcing.Trials trials() {
        Map<StockLedgerId, OrderSourcing.Stock> tried = new HashMap<>();
        return ledger -> tried.computeIfAbsent(ledger, id -> new Copy(lots.getOrDefault(id, List.of())));
    }

    long unitsOf(UUID product, UUID warehouse) {
        return lots.getOrDefault(new StockLedgerId(product, warehouse), List.of()).stream()
                .mapToLong(lot -> lot[0]).sum();
    }

    private static final class Copy implements OrderSourcing.Stock {

        private final List<long[]> lots = new ArrayList<>();

        Copy(List<long[]> original) {
            original.forEach(lot -> lots.add(lot.clone()));
            lots.sort(Comparator.comparingLong(lot -> lot[1]));
        }

        @Override
        public long reservable(LocalDate minExpiry) {
            return lots.stream().filter(lot -> lasts(lot, minExpiry)).mapToLong(lot -> lot[0]).sum();
        }

        @Override
        public long usable() {
            return lots.stream().mapToLong(lot -> lot[0]).sum();
        }

        @Override
        public boolean reserve(int quantity, LocalDate minExpiry) {
            if (reservable(minExpiry) < quantity) {
                return false;
            }
            long missing = quantity;
            for (long[] lot : lots) {
                if (missing > 0 && lasts(lot, minExpiry)) {
                    long taken = Math.min(missing, lot[0]);
                    lot[0] -= taken;
                    missing -= taken;
                }
            }
            return true;
        }

        private static boolean lasts(long[] lot, LocalDate minExpiry) {
            return minExpiry == null || lot[1] >= minExpiry.toEpochDay();
        }
    }
}
