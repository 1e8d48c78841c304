package io.stockledger.query.api;

import java.util.UUID;

/** One transfer by id. */
public record FindTransfer(UUID transferId) {
}
