package io.stockledger.loadtest;

/** What one simulated shopper (a Gatling virtual user) does. */
public enum VisitKind {

    /** Looks at a product page: {@code GET /v1/stock/{product}/{warehouse}}. */
    READ(1),
    /** Checks out: reserves an order of 1 to 5 lines, pays (a pause), confirms the order. */
    CONFIRM(2),
    /** Abandons the cart: reserves an order of 1 to 5 lines, a pause, releases the order. */
    RELEASE(2),
    /** Walks away: reserve with the shortest ttl the API takes, then nothing; the ledger expires it. */
    EXPIRE(1);

    private final int requestsWhenReserved;

    VisitKind(int requestsWhenReserved) {
        this.requestsWhenReserved = requestsWhenReserved;
    }

    /** Requests the visit sends when its reservation or order succeeds (a refused one sends no confirm or release). */
    public int requestsWhenReserved() {
        return requestsWhenReserved;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
