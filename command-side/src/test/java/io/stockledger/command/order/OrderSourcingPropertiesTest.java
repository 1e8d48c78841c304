package io.stockledger.command.order;

import io.stockledger.command.api.SourcingRule;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.order.OrderSourcing.Allocation;
import io.stockledger.command.order.OrderSourcing.Demand;
import io.stockledger.command.order.OrderSourcing.Plan;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random orders over random stock: whatever the rule, a plan serves every line exactly, only from where the line may
 * be taken, never more than a warehouse holds; a refused plan reserves nothing; a single-warehouse plan takes the free
 * lines from one warehouse; and a priority plan refuses an order of distinct products only when a line's warehouses
 * together hold too little.
 */
class OrderSourcingPropertiesTest {

    private static final long SEED = Long.getLong("sourcing.seed", System.nanoTime());
    private static final List<UUID> WAREHOUSES = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
            UUID.randomUUID());
    private static final List<UUID> PRODUCTS = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

    @Test
    void everyPlanKeepsTheRulesOfSourcing() {
        Random random = new Random(SEED);
        for (int round = 0; round < 2_000; round++) {
            TrialStock stock = new TrialStock();
            for (UUID product : PRODUCTS) {
                for (UUID warehouse : WAREHOUSES) {
                    if (random.nextInt(3) > 0) {
                        stock.with(product, warehouse, random.nextInt(12));
                    }
                }
            }
            List<UUID> shuffled = new ArrayList<>(WAREHOUSES);
            java.util.Collections.shuffle(shuffled, random);
            List<UUID> warehouses = List.copyOf(shuffled.subList(0, 1 + random.nextInt(shuffled.size())));
            List<Demand> lines = new ArrayList<>();
            int count = 1 + random.nextInt(5);
            for (int i = 0; i < count; i++) {
                UUID fixed = random.nextInt(4) == 0 ? WAREHOUSES.get(random.nextInt(WAREHOUSES.size())) : null;
                lines.add(new Demand("l" + i, PRODUCTS.get(random.nextInt(PRODUCTS.size())), 1 + random.nextInt(15),
                        fixed, null));
            }
            SourcingRule rule = random.nextBoolean() ? SourcingRule.PRIORITY : SourcingRule.SINGLE_WAREHOUSE;
            String replay = "seed " + SEED + " round " + round + " rule " + rule + " lines " + lines;

            Plan plan = OrderSourcing.plan(lines, warehouses, rule, stock::trials);

            if (!plan.isFeasible()) {
                assertThat(plan.allocations()).as(replay).isEmpty();
                assertThat(plan.shortages()).as(replay).allSatisfy(shortage ->
                        assertThat(shortage.available()).isLessThan(shortage.requested()));
                if (rule == SourcingRule.PRIORITY && distinctProducts(lines)) {
                    assertThat(lines).as("refused although every line's warehouses hold enough: " + replay)
                            .anyMatch(line -> heldFor(line, warehouses, stock) < line.quantity());
                }
                continue;
            }
            Map<StockLedgerId, Integer> taken = new HashMap<>();
            for (Demand line : lines) {
                List<Allocation> parts = plan.allocations().stream()
                        .filter(allocation -> allocation.lineId().equals(line.lineId())).toList();
                assertThat(parts.stream().mapToInt(Allocation::quantity).sum()).as(replay).isEqualTo(line.quantity());
                for (Allocation part : parts) {
                    assertThat(part.quantity()).as(replay).isPositive();
                    assertThat(part.ledgerId().productId()).as(replay).isEqualTo(line.productId());
                    assertThat(line.warehouseId() != null
                            ? List.of(line.warehouseId()) : warehouses).as(replay)
                            .contains(part.ledgerId().warehouseId());
                    taken.merge(part.ledgerId(), part.quantity(), Integer::sum);
                }
            }
            taken.forEach((ledger, units) -> assertThat((long) units).as(replay)
                    .isLessThanOrEqualTo(stock.unitsOf(ledger.productId(), ledger.warehouseId())));
            if (rule == SourcingRule.SINGLE_WAREHOUSE) {
                Set<UUID> used = lines.stream().filter(line -> line.warehouseId() == null)
                        .flatMap(line -> plan.allocations().stream()
                                .filter(allocation -> allocation.lineId().equals(line.lineId())))
                        .map(allocation -> allocation.ledgerId().warehouseId()).collect(Collectors.toSet());
                assertThat(used).as(replay).hasSizeLessThanOrEqualTo(1);
            }
        }
    }

    private static boolean distinctProducts(List<Demand> lines) {
        return new HashSet<>(lines.stream().map(Demand::productId).toList()).size() == lines.size();
    }

    private static long heldFor(Demand line, List<UUID> warehouses, TrialStock stock) {
        List<UUID> from = line.warehouseId() != null ? List.of(line.warehouseId()) : warehouses;
        return from.stream().mapToLong(warehouse -> stock.unitsOf(line.productId(), warehouse)).sum();
    }
}
