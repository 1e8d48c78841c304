package io.stockledger.command.api;

/** PENDING until exactly one of the three terminal states; a terminal state never changes again. */
public enum ReservationStatus {
    PENDING, CONFIRMED, RELEASED, EXPIRED;

    public boolean isTerminal() {
        return this != PENDING;
    }
}
