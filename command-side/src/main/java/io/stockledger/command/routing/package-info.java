/**
 * Scale-out: every ledger has one owner instance at a time, and its commands are executed there.
 *
 * <p>Axon's {@link org.axonframework.commandhandling.distributed.DistributedCommandBus} routes each command by its
 * ledger through a consistent hash of the instances, whose membership the JGroups connector keeps (instances find
 * each other through a table in the shared PostgreSQL). On the owner a command enters group commit as if it had
 * arrived there ({@link io.stockledger.command.routing.GroupCommitSegment}); a command this instance owns never
 * leaves it ({@link io.stockledger.command.routing.RoutingCommandGateway}). Off by default: one instance alone needs
 * none of it.
 */
package io.stockledger.command.routing;
