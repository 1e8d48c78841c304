package io.stockledger.query.lot;

import io.stockledger.events.effect.LotChange;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One {@code stock_lot} row while an event batch changes it in memory, to be written once when the batch commits.
 * Each change applies exactly as the single statement it stands for would have applied on the stored row: not at all
 * when the row has already seen that event (a second delivery), and for a delta or a quarantine not at all when the
 * lot was never opened.
 */
final class LotRow {

    /** A lot: the SKU and its batch number. */
    record Key(UUID productId, UUID warehouseId, String batchNumber) {
    }

    /** The columns {@link #stored(ResultSet)} reads, in its order. */
    static final String COLUMNS = "product_id, warehouse_id, batch_number, expiry_date, received_at, location, "
            + "unit_cost, quantity, reserved, quarantine_reason, last_sequence, updated_at";

    private final Key key;
    private boolean exists;
    private boolean changed;
    // a lot's attributes are those of its first arrival
    private LocalDate expiryDate;
    private Instant receivedAt;
    private String location;
    private BigDecimal unitCost;
    private long quantity;
    private long reserved;
    private String quarantineReason;
    private long lastSequence = -1;
    private Instant updatedAt;

    private LotRow(Key key) {
        this.key = key;
    }

    /** A lot the table has no row for yet. */
    static LotRow absent(Key key) {
        return new LotRow(key);
    }

    /** The row as stored, from a result set selecting {@link #COLUMNS}. */
    static LotRow stored(ResultSet row) throws SQLException {
        LotRow lot = new LotRow(new Key(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                row.getString(3)));
        Date expiry = row.getDate(4);
        lot.exists = true;
        lot.expiryDate = expiry == null ? null : expiry.toLocalDate();
        lot.receivedAt = row.getTimestamp(5).toInstant();
        lot.location = row.getString(6);
        lot.unitCost = row.getBigDecimal(7);
        lot.quantity = row.getLong(8);
        lot.reserved = row.getLong(9);
        lot.quarantineReason = row.getString(10);
        lot.lastSequence = row.getLong(11);
        lot.updatedAt = row.getTimestamp(12).toInstant();
        return lot;
    }

    Key key() {
        return key;
    }

    /** Whether any change applied: only such rows are written. */
    boolean changed() {
        return changed;
    }

    /** Applies what event {@code sequence}, which happened {@code at}, does to this lot. */
    void apply(LotChange change, long sequence, Instant at) {
        if (sequence <= lastSequence) {
            return;
        }
        switch (change) {
            case LotChange.Arrival arrival -> {
                if (!exists) {
                    exists = true;
                    expiryDate = arrival.expiryDate();
                    receivedAt = arrival.receivedAt();
                    location = arrival.location();
                    unitCost = arrival.unitCost();
                }
                quantity += arrival.quantity();
            }
            case LotChange.Delta delta -> {
                if (!exists) {
                    return;
                }
                quantity += delta.quantityDelta();
                reserved += delta.reservedDelta();
            }
            case LotChange.Quarantine quarantine -> {
                if (!exists) {
                    return;
                }
                quarantineReason = quarantine.reason();
            }
        }
        lastSequence = sequence;
        updatedAt = at;
        changed = true;
    }

    /** The row's values for an insert of {@link #COLUMNS}, in that order. */
    Object[] values() {
        return new Object[] {key.productId(), key.warehouseId(), key.batchNumber(),
                expiryDate == null ? null : Date.valueOf(expiryDate), Timestamp.from(receivedAt), location, unitCost,
                quantity, reserved, quarantineReason, lastSequence, Timestamp.from(updatedAt)};
    }
}
