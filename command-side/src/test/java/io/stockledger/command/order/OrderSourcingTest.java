package io.stockledger.command.order;

import io.stockledger.command.api.OrderShortageException.Shortage;
import io.stockledger.command.api.SourcingRule;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.order.OrderSourcing.Allocation;
import io.stockledger.command.order.OrderSourcing.Demand;
import io.stockledger.command.order.OrderSourcing.Plan;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Where each line of an order is taken from, one rule per test. */
class OrderSourcingTest {

    private static final UUID NORTH = UUID.randomUUID();
    private static final UUID SOUTH = UUID.randomUUID();
    private static final UUID EAST = UUID.randomUUID();
    private static final UUID SOAP = UUID.randomUUID();
    private static final UUID MILK = UUID.randomUUID();
    private static final LocalDate SOON = LocalDate.parse("2026-03-10");
    private static final LocalDate LATER = LocalDate.parse("2026-09-30");

    private static Demand line(String id, UUID product, int quantity) {
        return new Demand(id, product, quantity, null, null);
    }

    private static Plan plan(TrialStock stock, SourcingRule rule, List<UUID> warehouses, Demand... lines) {
        return OrderSourcing.plan(List.of(lines), warehouses, rule, stock::trials);
    }

    private static Allocation from(String line, UUID product, UUID warehouse, int quantity) {
        return new Allocation(line, new StockLedgerId(product, warehouse), quantity);
    }

    @Test
    void aLineIsTakenWholeFromTheFirstWarehouseInTheListThatCoversIt() {
        TrialStock stock = new TrialStock().with(SOAP, NORTH, 3).with(SOAP, SOUTH, 10).with(SOAP, EAST, 10);

        Plan plan = plan(stock, SourcingRule.PRIORITY, List.of(NORTH, SOUTH, EAST), line("1", SOAP, 5));

        assertThat(plan.allocations()).containsExactly(from("1", SOAP, SOUTH, 5));
    }

    @Test
    void aLineNoWarehouseCoversAloneIsSplitOverThemInListOrder() {
        TrialStock stock = new TrialStock().with(SOAP, NORTH, 4).with(SOAP, SOUTH, 3).with(SOAP, EAST, 9);

        Plan plan = plan(stock, SourcingRule.PRIORITY, List.of(NORTH, SOUTH), line("1", SOAP, 6));

        assertThat(plan.allocations()).containsExactly(from("1", SOAP, NORTH, 4), from("1", SOAP, SOUTH, 2));
    }

    @Test
    void aLineNamingItsWarehouseIsTakenFromNoOther() {
        TrialStock stock = new TrialStock().with(SOAP, NORTH, 1).with(SOAP, SOUTH, 50);

        Plan plan = plan(stock, SourcingRule.PRIORITY, List.of(SOUTH),
                new Demand("1", SOAP, 2, NORTH, null));

        assertThat(plan.isFeasible()).isFalse();
        assertThat(plan.shortages()).containsExactly(new Shortage("1", SOAP, 2, 1, false));
    }

    @Test
    void twoLinesOfTheSameProductInOneWarehouseMustBeCoveredTogether() {
        TrialStock stock = new TrialStock().with(SOAP, NORTH, 5);

        Plan plan = plan(stock, SourcingRule.PRIORITY, List.of(NORTH), line("a", SOAP, 3), line("b", SOAP, 3));

        assertThat(plan.allocations()).isEmpty();
        assertThat(plan.shortages()).containsExactly(new Shortage("b", SOAP, 3, 2, false));
    }

    @Test
    void theSecondLineOfAProductGoesOnToTheNextWarehouseWhenTheFirstIsUsedUp() {
        TrialStock stock = new TrialStock().with(SOAP, NORTH, 5).with(SOAP, SOUTH, 5);

        Plan plan = plan(stock, SourcingRule.PRIORITY, List.of(NORTH, SOUTH), line("a", SOAP, 3), line("b", SOAP, 3));

        assertThat(plan.allocations()).containsExactly(from("a", SOAP, NORTH, 3), from("b", SOAP, SOUTH, 3));
    }

    @Test
    void aSingleWarehouseServesEveryLineFromTheFirstThatCoversThemAll() {
        TrialStock stock = new TrialStock().with(SOAP, NORTH, 9).with(MILK, NORTH, 1)
                .with(SOAP, SOUTH, 2).with(MILK, SOUTH, 2)
                .with(SOAP, EAST, 2).with(MILK, EAST, 2);

        Plan plan = plan(stock, SourcingRule.SINGLE_WAREHOUSE, List.of(NORTH, SOUTH, EAST), line("1", SOAP, 2),
                line("2", MILK, 2));

        assertThat(plan.allocations()).containsExactly(from("1", SOAP, SOUTH, 2), from("2", MILK, SOUTH, 2));
    }

    @Test
    void aSingleWarehouseIsRefusedWhenNoneCoversEveryLineWithTheFirstWarehousesShortages() {
        TrialStock stock = new TrialStock().with(SOAP, NORTH, 2).with(MILK, SOUTH, 2);

        Plan plan = plan(stock, SourcingRule.SINGLE_WAREHOUSE, List.of(NORTH, SOUTH), line("1", SOAP, 2),
                line("2", MILK, 2));

        assertThat(plan.isFeasible()).isFalse();
        assertThat(plan.shortages()).containsExactly(new Shortage("2", MILK, 2, 0, false));
    }

    @Test
    void aSingleWarehouseOrderKeepsALineThatNamesItsOwnWarehouseThere() {
        TrialStock stock = new TrialStock().with(SOAP, NORTH, 5).with(MILK, EAST, 5).with(MILK, NORTH, 5);

        Plan plan = plan(stock, SourcingRule.SINGLE_WAREHOUSE, List.of(NORTH), line("1", SOAP, 2),
                new Demand("2", MILK, 2, EAST, null));

        assertThat(plan.allocations()).containsExactly(from("1", SOAP, NORTH, 2), from("2", MILK, EAST, 2));
    }

    @Test
    void onlyStockLastingLongEnoughServesALineWithAMinimumShelfLife() {
        TrialStock stock = new TrialStock().with(MILK, NORTH, 10, SOON).with(MILK, SOUTH, 4, LATER);

        Plan served = plan(stock, SourcingRule.PRIORITY, List.of(NORTH, SOUTH),
                new Demand("1", MILK, 4, null, LATER));
        Plan short4 = plan(stock, SourcingRule.PRIORITY, List.of(NORTH, SOUTH),
                new Demand("1", MILK, 6, null, LATER));

        assertThat(served.allocations()).containsExactly(from("1", MILK, SOUTH, 4));
        assertThat(short4.shortages()).containsExactly(new Shortage("1", MILK, 6, 4, true));
    }

    @Test
    void aShortLineRefusesTheWholeOrderAndEveryShortLineIsReported() {
        TrialStock stock = new TrialStock().with(SOAP, NORTH, 10).with(MILK, NORTH, 1);

        Plan plan = plan(stock, SourcingRule.PRIORITY, List.of(NORTH), line("1", SOAP, 2), line("2", MILK, 3),
                line("3", SOAP, 9));

        assertThat(plan.allocations()).isEmpty();
        assertThat(plan.shortages()).extracting(Shortage::lineId).containsExactly("2", "3");
    }
}
