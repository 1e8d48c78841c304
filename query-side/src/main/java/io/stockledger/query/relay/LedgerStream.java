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
 * The connection to NATS and the JetStream stream the relay writes to. The service starts even when NATS is down:
 * the connection keeps reconnecting in the background, and the stream is created or updated the first time it is
 * needed after each (re)connection.
 */
public class LedgerStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LedgerStream.class);

    private final RelaySettings settings;
    private final Connection connection;
    private volatile boolean provisioned;

    public LedgerStream(RelaySettings settings) throws IOException, InterruptedException {
        this.settings = settings;
        Options options = new Options.Builder()
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
        this.connection = Nats.connectReconnectOnConnect(options);
        provisionIfReachable();
    }

    /** At startup: create or update the stream now if NATS is there, so it exists before the first event. */
    private void provisionIfReachable() {
        if (!isConnected()) {
            log.warn("NATS at {} is not reachable yet; the stream is set up when it is", settings.natsUrl());
            return;
        }
        try {
            provision();
        } catch (IOException | JetStreamApiException e) {
            log.warn("could not set up stream {} yet: {}", settings.streamName(), e.getMessage());
        }
    }

    public boolean isConnected() {
        return connection.getStatus() == Connection.Status.CONNECTED;
    }

    public String status() {
        return connection.getStatus().name();
    }

    public RelaySettings settings() {
        return settings;
    }

    /** JetStream, with the stream in place. Throws when NATS cannot be reached; the caller retries later. */
    JetStream jetStream() throws IOException, JetStreamApiException {
        if (!provisioned) {
            provision();
        }
        return connection.jetStream();
    }

    /** Creates the stream, or brings an existing one to the configured shape. */
    synchronized void provision() throws IOException, JetStreamApiException {
        if (provisioned) {
            return;
        }
        JetStreamManagement management = connection.jetStreamManagement();
        StreamConfiguration wanted = StreamConfiguration.builder()
                .name(settings.streamName())
                .subjects(RelaySettings.SUBJECTS)
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                .maxAge(settings.maxAge())
                .duplicateWindow(settings.duplicateWindow())
                .build();
        if (management.getStreamNames().contains(settings.streamName())) {
            management.updateStream(wanted);
        } else {
            management.addStream(wanted);
            log.info("created JetStream stream {} over {}", settings.streamName(), RelaySettings.SUBJECTS);
        }
        provisioned = true;
    }

    @Override
    public void close() throws InterruptedException {
        connection.close();
    }
}
