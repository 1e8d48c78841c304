package io.stockledger.command.registry;

import io.stockledger.command.api.IdempotencyKeyReusedException;

/**
 * A key the registry found taken while its unit of work was committing. Unchecked, so the commit fails and the
 * whole transaction rolls back; the refusal travels as the cause, where the REST layer finds it (422).
 */
final class RequestClaimRefused extends RuntimeException {

    RequestClaimRefused(IdempotencyKeyReusedException refusal) {
        super(refusal.getMessage(), refusal);
    }
}
