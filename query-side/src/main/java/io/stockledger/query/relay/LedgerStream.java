package io.stockledger.query.relay;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;

/**
 * The connection to NATS and the JetStream stream the relay writes to. The service starts whether or not NATS is
 * up: the first connection is made by a background thread that keeps trying, and once connected the client
 * reconnects by itself after any outage. The stream is created or updated as soon as a connection exists, and again
 * after each reconnection.
 */
public class LedgerStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LedgerStream.class);
    private static final Duration FIRST_CONNECT_RETRY = Duration.ofSeconds(1);

    private final RelaySettings settings;
    private final Options options;
    private final Thread firstConnect;
    private volatile Connection connection;
    private volatile boolean provisioned;
    private volatile boolean closed;

    public LedgerStream(RelaySettings settings) {
        this.settings = settings;
        this.options = new Options.Builder()
                .server(settings.natsUrl())
                .connectionName("stock-ledger-relay")
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(500))
                .connectionTimeout(Duration.ofSeconds(2))
                .connectionListener((conn, event) -> {
                    log.info("NATS connection {}", event);
                    provisioned = false;
                })
                .build();
        this.firstConnect = Thread.ofVirtual().name("nats-first-connect").start(this::connectUntilClosed);
    }

    private void connectUntilClosed() {
        while (!closed && connection == null) {
            try {
                connection = Nats.connect(options);
                provisionQuietly();
            } catch (IOException unreachable) {
                log.warn("NATS at {} is not reachable yet ({}); retrying", settings.natsUrl(), unreachable.getMessage());
                sleep();
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void provisionQuietly() {
        try {
            provision();
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            log.warn("could not set up stream {} yet: {}", settings.streamName(), e.getMessage());
        }
    }

    public boolean isConnected() {
        Connection current = connection;
        return current != null && current.getStatus() == Connection.Status.CONNECTED;
    }

    public String status() {
        Connection current = connection;
        return current == null ? "CONNECTING" : current.getStatus().name();
    }

    public RelaySettings settings() {
        return settings;
    }

    /** JetStream, with the stream in place. Throws when NATS cannot be reached; the caller retries later. */
    JetStream jetStream() throws IOException, JetStreamApiException {
        Connection current = connection;
        if (current == null) {
            throw new IOException("not connected to NATS at " + settings.natsUrl() + " yet");
        }
        if (!provisioned) {
            provision();
        }
        return current.jetStream();
    }

    /** Creates the stream, or brings an existing one to the configured shape. */
    synchronized void provision() throws IOException, JetStreamApiException {
        Connection current = connection;
        if (provisioned || current == null) {
            return;
        }
        JetStreamManagement management = current.jetStreamManagement();
        StreamConfiguration wanted = StreamConfiguration.builder()
                .name(settings.streamName())
                .subjects(RelaySettings.SUBJECTS)
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                .maxAge(settings.maxAge())
                .duplicateWindow(settings.duplicateWindow())
                .replicas(settings.replicas())
                .build();
        if (management.getStreamNames().contains(settings.streamName())) {
            management.updateStream(wanted);
        } else {
            management.addStream(wanted);
            log.info("created JetStream stream {} over {}", settings.streamName(), RelaySettings.SUBJECTS);
        }
        provisioned = true;
    }

    private static void sleep() {
        try {
            Thread.sleep(FIRST_CONNECT_RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        firstConnect.interrupt();
        Connection current = connection;
        if (current != null) {
            current.close();
        }
    }
}
