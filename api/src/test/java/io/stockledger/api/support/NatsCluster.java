package io.stockledger.api.support;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.stockledger.testsupport.LocalPorts;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Three NATS servers with JetStream routed into one cluster, as a production deployment runs them, each a process
 * of the test's own on free ports. A stream can be kept on all three ({@code replicas}), and any one server can be
 * stopped, as a machine that went down.
 */
public final class NatsCluster implements AutoCloseable {

    /** Each server's name is this and its index. */
    private static final String SERVER_NAME = "ledger-test-";

    private final List<NatsServer> servers;

    private NatsCluster(List<NatsServer> servers) {
        this.servers = servers;
    }

    public static NatsCluster startThree() {
        List<Integer> clientPorts = List.of(LocalPorts.free(), LocalPorts.free(), LocalPorts.free());
        List<Integer> routePorts = List.of(LocalPorts.free(), LocalPorts.free(), LocalPorts.free());
        String routes = routePorts.stream().map(port -> "nats://127.0.0.1:" + port).collect(Collectors.joining(","));
        List<NatsServer> servers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            servers.add(NatsServer.start(clientPorts.get(i), List.of("--name", SERVER_NAME + i,
                    "--cluster_name", "ledger-test", "--cluster", "nats://127.0.0.1:" + routePorts.get(i),
                    "--routes", routes)));
        }
        NatsCluster cluster = new NatsCluster(servers);
        cluster.awaitJetStream();
        return cluster;
    }

    /** Every server's URL, comma-separated, as {@code NATS_URL} takes them: a client moves to another when one goes. */
    public String urls() {
        return servers.stream().map(NatsServer::url).collect(Collectors.joining(","));
    }

    /** Stops the server of that name (a stream's leader, as JetStream names it), as a machine that went down. */
    public void stop(String serverName) {
        servers.get(Integer.parseInt(serverName.substring(SERVER_NAME.length()))).stop();
    }

    /** JetStream answers only once the servers have elected the leader of its metadata. */
    private void awaitJetStream() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (Connection connection = Nats.connect(urls())) {
                connection.jetStreamManagement().getAccountStatistics();
                return true;
            } catch (IOException | JetStreamApiException notYet) {
                return false;
            }
        });
    }

    @Override
    public void close() {
        servers.forEach(NatsServer::close);
    }
}
