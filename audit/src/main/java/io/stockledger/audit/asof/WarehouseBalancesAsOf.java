package io.stockledger.audit.asof;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.audit.api.BalanceAsOfView;
import io.stockledger.audit.api.WarehouseBalances;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A warehouse's ledgers at a past instant, in one pass over its events. The aggregate identifier is
 * {@code <product_id>:<warehouse_id>}, and the index {@code domain_event_entry_warehouse_idx} (migration V21) is on its
 * warehouse part, then the identifier, then the sequence number: one index range yields exactly this warehouse's
 * events, ledger after ledger, each in sequence order. Each ledger is folded with {@link BalanceAsOf.Fold} until its
 * first event after the instant; its later events are read past (one statement cannot skip them) but not applied.
 * Only the ledger being folded is in memory.
 */
@Component
class WarehouseBalancesAsOf implements WarehouseBalances {

    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnlyTransaction;

    WarehouseBalancesAsOf(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        // the cursor conditions of the PostgreSQL driver: a fetch size, no autocommit (the transaction), forward-only
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(BalanceAsOf.FETCH_SIZE);
        this.readOnlyTransaction = new TransactionTemplate(transactions);
        this.readOnlyTransaction.setReadOnly(true);
    }

    @Override
    public long forEachAsOf(UUID warehouseId, Instant asOf, Consumer<BalanceAsOfView> each) {
        Long count = readOnlyTransaction.execute(status -> {
            Ledgers ledgers = new Ledgers(asOf, each);
            streaming.query("""
                            SELECT aggregate_identifier, sequence_number, payload_type, payload
                              FROM domain_event_entry
                             WHERE split_part(aggregate_identifier, ':', 2) = ?
                             ORDER BY split_part(aggregate_identifier, ':', 2), aggregate_identifier,
                                      sequence_number""",
                    (RowCallbackHandler) ledgers::accept, warehouseId.toString());
            ledgers.finish();
            return ledgers.handedOver;
        });
        return count == null ? 0 : count;
    }

    /** The ledger being folded, and what has been handed over so far. */
    private static final class Ledgers {

        private final Instant asOf;
        private final Consumer<BalanceAsOfView> each;
        private String current;
        private UUID productId;
        private UUID warehouseId;
        private BalanceAsOf.Fold fold;
        private boolean pastTheInstant;
        private long handedOver;

        Ledgers(Instant asOf, Consumer<BalanceAsOfView> each) {
            this.asOf = asOf;
            this.each = each;
        }

        void accept(ResultSet row) throws SQLException {
            String ledger = row.getString("aggregate_identifier");
            if (!ledger.equals(current)) {
                finish();
                start(ledger);
            }
            if (pastTheInstant || productId == null) {
                return; // the rest of this ledger came after the instant (or it is no stock ledger at all)
            }
            JsonNode payload = BalanceAsOf.parse(row.getBytes("payload"));
            if (BalanceAsOf.timestampOf(payload).isAfter(asOf)) {
                pastTheInstant = true;
                return;
            }
            fold.apply(row.getLong("sequence_number"), row.getString("payload_type"), payload);
        }

        private void start(String ledger) {
            current = ledger;
            fold = new BalanceAsOf.Fold();
            pastTheInstant = false;
            int colon = ledger.indexOf(':');
            try {
                productId = UUID.fromString(ledger.substring(0, colon));
                warehouseId = UUID.fromString(ledger.substring(colon + 1));
            } catch (IllegalArgumentException notAStockLedger) {
                productId = null;
            }
        }

        /** Hands over the ledger just folded, if it had an event by the instant. */
        void finish() {
            if (current != null && productId != null && fold.sequenceNumber() != null) {
                each.accept(fold.view(productId, warehouseId, asOf));
                handedOver++;
            }
            current = null;
        }
    }
}
