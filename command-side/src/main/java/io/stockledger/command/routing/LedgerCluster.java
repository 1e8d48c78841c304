package io.stockledger.command.routing;

import io.stockledger.command.api.ExpireOverdueReservations;
import io.stockledger.command.api.StockLedgerId;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.distributed.ConsistentHashChangeListener;
import org.axonframework.commandhandling.distributed.DistributedCommandBus;
import org.axonframework.commandhandling.distributed.Member;
import org.axonframework.commandhandling.distributed.commandfilter.AcceptAll;
import org.axonframework.extensions.jgroups.commandhandling.JGroupsConnector;
import org.axonframework.serialization.Serializer;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * This instance's membership of the cluster of instances that share the ledgers: Axon's distributed command bus over
 * the JGroups connector, which keeps a consistent hash of the members and sends commands to the member a ledger
 * hashes to. Every member accepts every command (they all run the same code), with equal weight.
 */
public final class LedgerCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LedgerCluster.class);

    /** Each member's weight in the consistent hash: its share of the ledgers. */
    static final int LOAD_FACTOR = 100;

    private final JChannel channel;
    private final JGroupsConnector connector;
    private final DistributedCommandBus bus;

    /**
     * @param channel   the channel to the other instances, not yet connected
     * @param name      the cluster's name: instances with the same name (and database) share the ledgers
     * @param segment   where commands this instance owns are executed
     * @param wire      how commands and answers are serialized between instances
     * @param ownership told when the members, and so the owners, change
     */
    public LedgerCluster(JChannel channel, String name, CommandBus segment, Serializer wire,
                         ConsistentHashChangeListener ownership) {
        this.channel = channel;
        this.connector = JGroupsConnector.builder()
                .channel(channel)
                .clusterName(name)
                .localSegment(segment)
                .serializer(wire)
                .routingStrategy(new LedgerRoutingKeys())
                .consistentHashChangeListener(ownership)
                .build();
        this.bus = DistributedCommandBus.builder().commandRouter(connector)
                .connector(new DepartureCheckedConnector(connector, this::isInView)).build();
        // the bus announces no commands until handlers subscribe through it; ours are subscribed locally, behind
        // group commit, so the membership says at once that this instance takes them all
        connector.updateMembership(LOAD_FACTOR, AcceptAll.INSTANCE);
    }

    /** Joins the cluster, waiting at most {@code timeout} for the other members to answer. */
    public void join(Duration timeout) throws Exception {
        connector.connect();
        if (!connector.awaitJoined(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("could not join the cluster of ledger instances within " + timeout);
        }
        log.info("joined the ledger cluster as {}; members: {}", channel.getAddress(), members());
    }

    /** The bus that sends a command to its ledger's owner. */
    public CommandBus bus() {
        return bus;
    }

    /**
     * Whether the member is in the channel's current view. The connector's hash can briefly name a member that has
     * already left (seen once after a SIGKILL: one survivor's hash kept the dead member while its view had dropped
     * it), and a command sent there would wait for an answer that never comes.
     */
    private boolean isInView(Member member) {
        var view = channel.getView();
        return view != null && member.getConnectionEndpoint(Address.class).map(view::containsMember).orElse(false);
    }

    /** Whether the member is this instance. */
    private boolean isThisInstance(Member member) {
        Address self = channel.getAddress();
        return member.getConnectionEndpoint(Address.class).map(address -> address.equals(self)).orElse(false);
    }

    /** Whether this instance owns the ledger now (true while the cluster has no members yet, as alone). */
    public boolean ownsHere(StockLedgerId ledger) {
        return executesHere(GenericCommandMessage.asCommandMessage(new ExpireOverdueReservations(ledger)));
    }

    /**
     * Whether a ledger's command runs on this instance: when its ledger hashes here, to no member yet (alone), or to
     * an owner that has left but is still in the hash. Executing here is safe then (the store's unique key arbitrates
     * between this instance and any other writing the ledger), where waiting for a departed owner is not.
     */
    public boolean executesHere(CommandMessage<?> command) {
        return connector.findDestination(command).map(owner -> isThisInstance(owner) || !isInView(owner)).orElse(true);
    }

    /** The members of the current view, this instance included. */
    public List<String> members() {
        return channel.getView() == null ? List.of()
                : channel.getView().getMembers().stream().map(Address::toString).toList();
    }

    public String name() {
        return String.valueOf(channel.getAddress());
    }

    /** Leaves the cluster: the other members take this instance's ledgers. */
    @Override
    public void close() {
        try {
            connector.initiateShutdown().get(5, TimeUnit.SECONDS);
        } catch (Exception waitingAnswersFailed) {
            log.warn("left the ledger cluster with commands still unanswered: {}", waitingAnswersFailed.toString());
        }
        connector.disconnect();
        channel.close();
    }
}
