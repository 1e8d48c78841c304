package io.stockledger.query.relay;

import java.time.Duration;

/**
 * How the relay reaches NATS and shapes its stream.
 *
 * @param natsUrl           e.g. {@code nats://nats:4222}
 * @param streamName        the JetStream stream, {@code INVENTORY} by default
 * @param maxAge            how long the stream keeps a message (limits retention)
 * @param duplicateWindow   how long the server remembers a {@code Nats-Msg-Id} to drop a republished event
 * @param source            the CloudEvents {@code ce-source} of every message
 * @param publishTimeout    how long one batch waits for JetStream's acknowledgements before it fails and is retried
 */
public record RelaySettings(String natsUrl, String streamName, Duration maxAge, Duration duplicateWindow,
                            String source, Duration publishTimeout) {

    /** Every subject the ledger publishes: {@code inventory.<entity>.<fact>}. */
    public static final String SUBJECTS = "inventory.>";
}
