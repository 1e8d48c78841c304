-- Instances that share the ledgers find each other here when scale-out is on (LEDGER_ROUTING=jgroups): each running
-- member keeps one row with its address, written and read by the JGroups discovery; rows of members that left are
-- removed by the survivors. Unused by a single instance.
CREATE TABLE ledger_cluster_members (
    own_addr     VARCHAR(200) NOT NULL,
    cluster_name VARCHAR(200) NOT NULL,
    ping_data    BYTEA,
    PRIMARY KEY (own_addr, cluster_name)
);
