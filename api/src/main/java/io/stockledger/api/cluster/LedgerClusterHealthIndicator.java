package io.stockledger.api.cluster;

import io.stockledger.command.routing.LedgerCluster;
import io.stockledger.command.routing.OwnershipChanges;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * With scale-out on, who shares the ledgers: this instance's name in the cluster, the members it sees, and how often
 * the owners changed. Always UP while this instance is a member: a member that is alone still serves every ledger.
 */
public record LedgerClusterHealthIndicator(LedgerCluster cluster, OwnershipChanges ownership)
        implements HealthIndicator {

    @Override
    public Health health() {
        return Health.up()
                .withDetail("instance", cluster.name())
                .withDetail("members", cluster.members())
                .withDetail("owner_changes", ownership.changes())
                .build();
    }
}
