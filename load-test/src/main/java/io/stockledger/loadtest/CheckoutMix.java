package io.stockledger.loadtest;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The shares of each kind of visit, e.g. 30 % reads, 50 % checkouts, 15 % abandoned carts, 5 % left to expire. The
 * arrival rate of visits follows from it: a profile asks for requests per second, and a visit sends
 * {@link #requestsPerVisit()} of them on average.
 */
public final class CheckoutMix {

    private final Map<VisitKind, Double> shares;

    public CheckoutMix(Map<VisitKind, Double> shares) {
        double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        if (shares.values().stream().anyMatch(share -> share < 0) || total <= 0) {
            throw new IllegalArgumentException("the mix needs non-negative shares with a positive sum: " + shares);
        }
        this.shares = new EnumMap<>(VisitKind.class);
        for (VisitKind kind : VisitKind.values()) {
            this.shares.put(kind, shares.getOrDefault(kind, 0.0) / total);
        }
    }

    /** {@code read=30,confirm=50,release=15,expire=5}: relative weights, normalised. */
    public static CheckoutMix parse(String text) {
        Map<VisitKind, Double> shares = new EnumMap<>(VisitKind.class);
        for (String part : text.split(",")) {
            String[] pair = part.trim().split("=");
            if (pair.length != 2) {
                throw new IllegalArgumentException("a mix entry is kind=weight, not '" + part.trim() + "'");
            }
            shares.put(VisitKind.valueOf(pair[0].trim().toUpperCase(Locale.ROOT)), Double.parseDouble(pair[1].trim()));
        }
        return new CheckoutMix(shares);
    }

    public double share(VisitKind kind) {
        return shares.get(kind);
    }

    public VisitKind pick(RandomGenerator random) {
        double draw = random.nextDouble();
        VisitKind last = VisitKind.READ;
        for (var entry : shares.entrySet()) {
            if (entry.getValue() > 0) {
                last = entry.getKey();
                draw -= entry.getValue();
                if (draw < 0) {
                    return entry.getKey();
                }
            }
        }
        return last;
    }

    /** Requests per visit when every reservation succeeds; 409s make the real figure a little lower. */
    public double requestsPerVisit() {
        return shares.entrySet().stream().mapToDouble(e -> e.getValue() * e.getKey().requestsWhenReserved()).sum();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        shares.forEach((kind, share) -> text.append(text.isEmpty() ? "" : ", ")
                .append(kind.key()).append(' ').append(Math.round(share * 100)).append('%'));
        return text.toString();
    }
}
