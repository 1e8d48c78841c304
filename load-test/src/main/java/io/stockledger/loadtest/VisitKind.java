package io.stockledger.loadtest;

/** What one simulated shopper (a Gatling virtual user) does. */
public enum VisitKind {

    /** Looks at a product page: {@code GET /v1/stock/{product}/{warehouse}}. */
    READ(1),
    /** Checks out: reserve, pay (a pause), confirm. */
    CONFIRM(2),
    /** Abandons the cart: reserve, a pause, release. */
    RELEASE(2),
    /** Walks away: reserve with the shortest ttl the API takes, then nothing; the ledger expires it. */
    EXPIRE(1);

    private final int requestsWhenReserved;

    VisitKind(int requestsWhenReserved) {
        this.requestsWhenReserved = requestsWhenReserved;
    }

    /** Requests the visit sends when its reservation succeeds (a refused one sends no confirm or release). */
    public int requestsWhenReserved() {
        return requestsWhenReserved;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
