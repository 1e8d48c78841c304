package io.stockledger.api.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The causes of a start-up failure, outermost first, so an analyzer can look for the one it knows. */
final class CauseChain {

    private CauseChain() {
    }

    static List<Throwable> of(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        return of(failure).stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The innermost cause: usually the one whose message says what really happened. */
    static Throwable root(Throwable failure) {
        List<Throwable> chain = of(failure);
        return chain.get(chain.size() - 1);
    }
}
