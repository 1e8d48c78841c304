package io.stockledger.query.api;

import java.util.List;

/**
 * One page of movement journal rows in global order; {@code nextFromPosition} is where the next page starts when
 * more rows match, else null.
 */
public record MovementPage(List<MovementView> movements, Long nextFromPosition) {

    public MovementPage {
        movements = List.copyOf(movements);
    }
}
