package io.stockledger.command.routing;

import io.stockledger.command.dispatch.GroupCommitGateway;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Scale-out, when {@code LEDGER_ROUTING=jgroups}: this instance joins the others on the same database and cluster
 * name, and every command is executed on its ledger's owner. The instance joins before it serves (the gateway depends
 * on the cluster), and leaves after the web server has stopped taking requests.
 */
@Configuration
@Conditional(ScaleOutEnabled.class)
public class LedgerRoutingConfiguration {

    @Bean
    public OwnershipChanges ownershipChanges(@Qualifier("stockLedgerCache") Cache stockLedgerCache) {
        return new OwnershipChanges(stockLedgerCache);
    }

    /**
     * The segment and the distributed bus are deliberately not beans: a second {@code CommandBus} bean would stand
     * beside Axon's local one, where the handlers subscribe.
     */
    @Bean(destroyMethod = "close")
    public LedgerCluster ledgerCluster(DataSource dataSource, GroupCommitGateway groupCommit, CommandBus commandBus,
                                       @Value("${ledger.command.write-timeout:60s}") Duration deadline,
                                       @Qualifier("messageSerializer") Serializer wire,
                                       OwnershipChanges ownership,
                                       @Value("${ledger.routing.cluster-name:stock-ledger}") String name,
                                       @Value("${ledger.routing.bind-address:127.0.0.1}") String bindAddress,
                                       @Value("${ledger.routing.port:7800}") int port,
                                       @Value("${ledger.routing.join-timeout:30s}") Duration joinTimeout)
            throws Exception {
        GroupCommitSegment segment = new GroupCommitSegment(groupCommit, commandBus, deadline);
        LedgerCluster cluster = new LedgerCluster(ClusterChannel.open(bindAddress, port, dataSource), name, segment,
                wire, ownership);
        cluster.join(joinTimeout);
        return cluster;
    }

    @Bean
    public LedgerOwnership ledgerOwnership(LedgerCluster cluster) {
        return cluster::ownsHere;
    }

    @Bean
    @Primary
    public CommandGateway routingCommandGateway(LedgerCluster cluster, GroupCommitGateway groupCommit,
                                                @Value("${ledger.command.write-timeout:60s}") Duration deadline,
                                                ObjectProvider<ForwardingObserver> observer) {
        return new RoutingCommandGateway(cluster.bus(), groupCommit, cluster::executesHere, deadline,
                observer.getIfAvailable(() -> ForwardingObserver.NONE));
    }
}
