/**
 * The messages of group commit: the batches the dispatcher ({@code command.dispatch}) builds from queued commands,
 * which the ledger ({@code command.ledger}) decides, and their answers. Nothing else sends or reads them
 * ({@code CommandSideArchitectureTest} checks it); they are public only because those two packages both need them.
 */
package io.stockledger.command.groupcommit;
