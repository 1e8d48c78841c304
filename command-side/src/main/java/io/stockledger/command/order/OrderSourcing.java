package io.stockledger.command.order;

import io.stockledger.command.api.OrderShortageException.Shortage;
import io.stockledger.command.api.SourcingRule;
import io.stockledger.command.api.StockLedgerId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Decides which warehouse serves which part of each line of an order, before any ledger is asked to reserve
 * anything. It tries its allocations on {@link Stock} trials of the ledgers (copies picked by the ledgers' own lot
 * rules), so the plan it returns is one the ledgers will grant. Lines are taken in the order given, each on the stock
 * the lines before it left: two lines of the same product in the same warehouse are served together, their sum must
 * be there.
 *
 * <ul>
 *   <li>{@link SourcingRule#PRIORITY}: a line that names a warehouse is taken from it. Any other line is taken whole
 *   from the first of the order's warehouses that can cover it; if none can alone, it is split over them in list
 *   order, each giving what it has.</li>
 *   <li>{@link SourcingRule#SINGLE_WAREHOUSE}: the lines that name no warehouse all come from one: the first of the
 *   order's warehouses that can cover all of them. When none can, the shortages are those of the first warehouse.</li>
 * </ul>
 */
public final class OrderSourcing {

    /** What one ledger could still reserve, trying allocations on a copy. */
    public interface Stock {

        /** Units in usable lots lasting until {@code minExpiry} (any usable lot when null), not reserved. */
        long reservable(LocalDate minExpiry);

        /** Units in usable lots, not reserved, whatever their expiry. */
        long usable();

        /** Reserves on the copy by the ledger's picking rules; false, and nothing changed, if they cannot cover it. */
        boolean reserve(int quantity, LocalDate minExpiry);
    }

    /** The ledgers' stock for one try: asked again for a ledger, it gives the same trial with what was taken. */
    public interface Trials {
        Stock of(StockLedgerId ledger);
    }

    /** A line to source; {@code warehouseId} null means from the order's warehouses. */
    public record Demand(String lineId, UUID productId, int quantity, UUID warehouseId, LocalDate minExpiry) {
    }

    /** A part of a line served by one ledger. */
    public record Allocation(String lineId, StockLedgerId ledgerId, int quantity) {
    }

    /** The allocations in line order, or the lines that cannot be served (then no allocation stands). */
    public record Plan(List<Allocation> allocations, List<Shortage> shortages) {

        public boolean isFeasible() {
            return shortages.isEmpty();
        }
    }

    private OrderSourcing() {
    }

    /**
     * @param freshTrials gives trials of the ledgers as they are now; asked once per way of sourcing tried
     */
    public static Plan plan(List<Demand> lines, List<UUID> warehouses, SourcingRule rule, Supplier<Trials> freshTrials) {
        return switch (rule) {
            case PRIORITY -> byPriority(lines, warehouses, freshTrials.get());
            case SINGLE_WAREHOUSE -> fromOneWarehouse(lines, warehouses, freshTrials);
        };
    }

    private static Plan byPriority(List<Demand> lines, List<UUID> warehouses, Trials trials) {
        List<Allocation> allocations = new ArrayList<>();
        List<Shortage> shortages = new ArrayList<>();
        for (Demand line : lines) {
            List<UUID> candidates = line.warehouseId() != null ? List.of(line.warehouseId()) : warehouses;
            if (!takeWhole(line, candidates, trials, allocations) && !split(line, candidates, trials, allocations)) {
                shortages.add(shortageOf(line, candidates, trials));
            }
        }
        return shortages.isEmpty() ? new Plan(allocations, List.of()) : new Plan(List.of(), shortages);
    }

    private static boolean takeWhole(Demand line, List<UUID> candidates, Trials trials, List<Allocation> into) {
        for (UUID warehouse : candidates) {
            StockLedgerId ledger = new StockLedgerId(line.productId(), warehouse);
            if (trials.of(ledger).reserve(line.quantity(), line.minExpiry())) {
                into.add(new Allocation(line.lineId(), ledger, line.quantity()));
                return true;
            }
        }
        return false;
    }

    /** Splits the line over the candidates in order, if together they can cover it; else takes nothing. */
    private static boolean split(Demand line, List<UUID> candidates, Trials trials, List<Allocation> into) {
        long together = 0;
        for (UUID warehouse : candidates) {
            together += trials.of(new StockLedgerId(line.productId(), warehouse)).reservable(line.minExpiry());
        }
        if (together < line.quantity()) {
            return false;
        }
        int missing = line.quantity();
        for (UUID warehouse : candidates) {
            StockLedgerId ledger = new StockLedgerId(line.productId(), warehouse);
            Stock stock = trials.of(ledger);
            int taken = (int) Math.min(missing, stock.reservable(line.minExpiry()));
            if (taken > 0 && stock.reserve(taken, line.minExpiry())) {
                into.add(new Allocation(line.lineId(), ledger, taken));
                missing -= taken;
            }
            if (missing == 0) {
                return true;
            }
        }
        throw new IllegalStateException("line " + line.lineId() + ": the warehouses granted less than they held");
    }

    private static Plan fromOneWarehouse(List<Demand> lines, List<UUID> warehouses, Supplier<Trials> freshTrials) {
        if (warehouses.isEmpty()) {
            return allFrom(lines, null, freshTrials.get()); // every line names its own warehouse
        }
        Plan first = null;
        for (UUID warehouse : warehouses) {
            Plan plan = allFrom(lines, warehouse, freshTrials.get());
            if (plan.isFeasible()) {
                return plan;
            }
            first = first == null ? plan : first;
        }
        return first;
    }

    private static Plan allFrom(List<Demand> lines, UUID warehouse, Trials trials) {
        List<Allocation> allocations = new ArrayList<>();
        List<Shortage> shortages = new ArrayList<>();
        for (Demand line : lines) {
            UUID from = line.warehouseId() != null ? line.warehouseId() : warehouse;
            if (!takeWhole(line, List.of(from), trials, allocations)) {
                shortages.add(shortageOf(line, List.of(from), trials));
            }
        }
        return shortages.isEmpty() ? new Plan(allocations, List.of()) : new Plan(List.of(), shortages);
    }

    private static Shortage shortageOf(Demand line, List<UUID> candidates, Trials trials) {
        long lasting = 0;
        long usable = 0;
        for (UUID warehouse : candidates) {
            Stock stock = trials.of(new StockLedgerId(line.productId(), warehouse));
            lasting += stock.reservable(line.minExpiry());
            usable += stock.usable();
        }
        boolean shelfLifeOnly = line.minExpiry() != null && usable >= line.quantity();
        return new Shortage(line.lineId(), line.productId(), line.quantity(), lasting, shelfLifeOnly);
    }
}
