package io.stockledger.api.web.audit;

import io.stockledger.events.LotQuantity;
import io.stockledger.query.api.MovementView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes movement journal rows as CSV (RFC 4180): a header row, then one record per row, CRLF line ends, and a
 * field quoted (with its quotes doubled) when it holds a comma, a quote or a line break. Absent values are empty
 * fields. The {@code lots} column lists the lots a row moved as {@code batch:quantity} pairs joined by {@code ;}.
 * {@code order_id} and {@code line_id} came last, after the columns existing consumers read by position, and stay
 * last: new columns are only ever appended. Nothing is buffered here beyond what the given writer buffers.
 */
final class MovementCsv {

    static final List<String> COLUMNS = List.of("global_position", "event_id", "product_id", "warehouse_id",
            "sequence_number", "movement_type", "on_hand_delta", "reserved_delta", "reservation_id", "reason",
            "note", "requester_id", "trace_id", "occurred_at", "lots", "order_id", "line_id");

    private static final String LINE_END = "\r\n";

    private final Writer out;

    MovementCsv(Writer out) {
        this.out = out;
    }

    void header() {
        write(COLUMNS.toArray());
    }

    void row(MovementView row) {
        write(row.globalPosition(), row.eventId(), row.productId(), row.warehouseId(), row.sequenceNumber(),
                row.movementType(), row.onHandDelta(), row.reservedDelta(), row.reservationId(), row.reason(),
                row.note(), row.requesterId(), row.traceId(), row.occurredAt(), lots(row.lots()), row.orderId(),
                row.lineId());
    }

    /** Lots as {@code batch:quantity} pairs joined by {@code ;}, e.g. {@code L-7:3;L-9:2}; empty when none. */
    static String lots(List<LotQuantity> lots) {
        if (lots == null) {
            return null;
        }
        return lots.stream().map(lot -> lot.batchNumber() + ":" + lot.quantity())
                .collect(java.util.stream.Collectors.joining(";"));
    }

    private void write(Object... fields) {
        try {
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(field(fields[i]));
            }
            out.write(LINE_END);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
