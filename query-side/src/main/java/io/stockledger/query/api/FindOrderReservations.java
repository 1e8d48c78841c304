package io.stockledger.query.api;

/** Asks for every reservation made for a line of an order. Answered with a list of {@link ReservationView}. */
public record FindOrderReservations(String orderId) {
}
