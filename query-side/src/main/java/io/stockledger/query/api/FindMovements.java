package io.stockledger.query.api;

import java.util.Objects;

/**
 * Asks the movement journal for at most {@code limit} rows matching the filter, at global positions
 * {@code fromPosition} or later, in global order. Answered with a {@link MovementPage}. For every matching row
 * without a limit, see {@link MovementJournal}.
 */
public record FindMovements(MovementFilter filter, long fromPosition, int limit) {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;

    public FindMovements {
        Objects.requireNonNull(filter, "filter");
        if (fromPosition < 0) {
            throw new IllegalArgumentException("fromPosition must not be negative: " + fromPosition);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
    }
}
