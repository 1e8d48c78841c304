package io.stockledger.api.readmodel;

import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ReadModelTables;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.StockedSku;
import io.stockledger.api.wiring.SharedNoResult;
import io.stockledger.command.config.StockLedgerConfiguration;
import io.stockledger.query.config.ReadModelConfiguration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Read models are disposable: replaying the store over them changes nothing, and rebuilding them from empty matches. */
class ProjectionReplayTest extends ServiceIntegrationTest {

    @Autowired
    private EventProcessingConfiguration processing;

    private List<Map<String, Object>> projected;

    @BeforeEach
    void historyOnTwoSkus() {
        for (int i = 0; i < 2; i++) {
            StockedSku sku = client.stockNewSku(40);
            String shipped = client.reserve(sku, 5).text("reservation_id");
            String cancelled = client.reserve(sku, 6).text("reservation_id");
            client.reserve(sku, 7);
            client.confirm(shipped);
            client.release(cancelled);
            client.adjust(sku.product(), sku.warehouse(), -2, "LOSS", LedgerClient.key());
        }
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM stock_movement", Long.class) == events);
        projected = ReadModelTables.snapshot(jdbc);
        assertThat(projected).as("two balances, six reservations, fourteen movements, two lots at least")
                .hasSizeGreaterThanOrEqualTo(2 + 6 + 14 + 2);
    }

    /**
     * Every processor, the read models' among them, answers each event it handles with the one shared result
     * ({@link SharedNoResult}), whatever module declares it; the replays in this class run through it.
     */
    @Test
    void everyEventProcessorAnswersItsEventsWithTheSharedResult() throws ReflectiveOperationException {
        Field interceptors = AbstractEventProcessor.class.getDeclaredField("interceptors");
        interceptors.setAccessible(true);
        Map<String, EventProcessor> processors = processing.eventProcessors();
        assertThat(processors).containsKeys(ReadModelConfiguration.READ_MODELS, "transfers",
                StockLedgerConfiguration.REQUEST_REGISTRY_GROUP);
        for (Map.Entry<String, EventProcessor> processor : processors.entrySet()) {
            assertThat((List<?>) interceptors.get(processor.getValue())).as(processor.getKey())
                    .hasAtLeastOneElementOfType(SharedNoResult.class);
        }
    }

    @Test
    void replayingEveryEventOverTheExistingRowsChangesNothing() {
        // one missing journal row proves the replay really ran: it must come back, and nothing else may change
        readModels().shutDown();
        jdbc.update("DELETE FROM stock_movement WHERE global_position = (SELECT min(global_position) FROM stock_movement)");

        replayFromTheStart();

        assertThat(ReadModelTables.snapshot(jdbc)).isEqualTo(projected);
    }

    @Test
    void rebuildingFromEmptyTablesGivesTheSameReadModels() {
        StreamingEventProcessor processor = readModels();
        processor.shutDown();
        jdbc.execute("TRUNCATE stock_balance, reservation, stock_movement, stock_lot");

        replayFromTheStart();

        assertThat(ReadModelTables.snapshot(jdbc)).isEqualTo(projected);
    }

    /**
     * Read models write each event batch's rows together when it commits (a balance row once per SKU): a batch that
     * holds events the rows have seen and events they have not must apply exactly the new ones.
     */
    @Test
    void aBatchOfSeenAndNewEventsAppliesOnlyTheNewOnes() {
        readModels().shutDown();
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        client.receiveLot(product, warehouse, 10, "L-1", null);
        String shipped = client.reserve(product, warehouse, 4, LedgerClient.key()).text("reservation_id");
        client.confirm(shipped);
        client.reserve(product, warehouse, 3, LedgerClient.key());

        replayFromTheStart();

        List<Map<String, Object>> afterMixedBatches = ReadModelTables.snapshot(jdbc);
        assertThat(afterMixedBatches).containsAll(projected);
        assertThat(jdbc.queryForMap("SELECT on_hand, reserved, available FROM stock_balance"
                + " WHERE product_id = ? AND warehouse_id = ?", product, warehouse))
                .containsEntry("on_hand", 6L).containsEntry("reserved", 3L).containsEntry("available", 3L);
        assertThat(jdbc.queryForMap("SELECT quantity, reserved FROM stock_lot"
                + " WHERE product_id = ? AND warehouse_id = ? AND batch_number = 'L-1'", product, warehouse))
                .containsEntry("quantity", 6L).containsEntry("reserved", 3L);

        readModels().shutDown();
        jdbc.execute("TRUNCATE stock_balance, reservation, stock_movement, stock_lot");
        replayFromTheStart();
        assertThat(ReadModelTables.snapshot(jdbc)).isEqualTo(afterMixedBatches);
    }

    private void replayFromTheStart() {
        StreamingEventProcessor processor = readModels();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> !processor.isReplaying()
                && processor.processingStatus().size() == 2
                && processor.processingStatus().values().stream().allMatch(status -> status.isCaughtUp()));
    }

    private StreamingEventProcessor readModels() {
        return processing.eventProcessor(ReadModelConfiguration.READ_MODELS, StreamingEventProcessor.class)
                .orElseThrow();
    }
}
