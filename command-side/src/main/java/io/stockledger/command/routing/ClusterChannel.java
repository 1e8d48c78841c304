package io.stockledger.command.routing;

import org.jgroups.JChannel;
import org.jgroups.protocols.BARRIER;
import org.jgroups.protocols.FD_ALL;
import org.jgroups.protocols.FD_SOCK;
import org.jgroups.protocols.FRAG2;
import org.jgroups.protocols.JDBC_PING;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;

import javax.sql.DataSource;
import java.net.InetAddress;

/**
 * The JGroups channel the instances talk over: TCP between them (no multicast, which container networks and clouds
 * rarely carry), and discovery through a table in the PostgreSQL they share anyway, so that scaling out needs no
 * address list. A killed instance is noticed by its closed socket within a second ({@code FD_SOCK}), a hung one by
 * missed heartbeats within nine ({@code FD_ALL}).
 */
public final class ClusterChannel {

    /** Holds each member's address while it runs (migration V27); rows of members that left are removed. */
    static final String MEMBERS_TABLE = "ledger_cluster_members";

    /** Instances on one host take the next free port, up to this many above the configured one. */
    static final int PORT_RANGE = 20;

    private ClusterChannel() {
    }

    /**
     * @param bindAddress the address other instances reach this one at (a host name or IP)
     * @param port        the first TCP port to try
     * @param members     the shared database, whose members table is the discovery
     */
    public static JChannel open(String bindAddress, int port, DataSource members) throws Exception {
        TCP transport = new TCP()
                .setBindAddress(InetAddress.getByName(bindAddress))
                .setBindPort(port)
                .setPortRange(PORT_RANGE);
        transport.setValue("enable_diagnostics", false);
        JDBC_PING discovery = new JDBC_PING();
        discovery.setDataSource(members);
        discovery.setValue("initialize_sql", ""); // the table is created by the migration
        discovery.setValue("insert_single_sql",
                "INSERT INTO " + MEMBERS_TABLE + " (own_addr, cluster_name, ping_data) VALUES (?, ?, ?)");
        discovery.setValue("delete_single_sql",
                "DELETE FROM " + MEMBERS_TABLE + " WHERE own_addr = ? AND cluster_name = ?");
        discovery.setValue("clear_sql", "DELETE FROM " + MEMBERS_TABLE + " WHERE cluster_name = ?");
        discovery.setValue("select_all_pingdata_sql",
                "SELECT ping_data, own_addr, cluster_name FROM " + MEMBERS_TABLE + " WHERE cluster_name = ?");
        discovery.setValue("contains_sql", "SELECT count(own_addr) AS recordcount FROM " + MEMBERS_TABLE
                + " WHERE cluster_name = ? AND own_addr = ?");
        // a killed member's row goes when the survivors agree on a new view; JGroups' own JVM hook would run after
        // the database pool is closed, so leaving is done by the service's orderly shutdown instead
        discovery.setRemoveAllDataOnViewChange(true);
        discovery.setValue("register_shutdown_hook", false);
        return new JChannel(
                transport,
                discovery,
                new MERGE3(),
                new FD_SOCK(),
                new FD_ALL().setValue("timeout", 9000L).setValue("interval", 3000L),
                new VERIFY_SUSPECT().setValue("timeout", 1500L),
                new BARRIER(),
                new NAKACK2().setValue("use_mcast_xmit", false),
                new UNICAST3(),
                new STABLE(),
                new GMS().setValue("join_timeout", 2000L).setValue("print_local_addr", false),
                new MFC(),
                new FRAG2());
    }
}
