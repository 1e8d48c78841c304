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
 * @param replicas          how many servers of a NATS cluster keep the stream. JetStream acknowledges a publish once
 *                          a majority of them has it, not once it is on disk (a server syncs its files every two
 *                          minutes by default), so only a replicated stream keeps what the relay was told is stored
 *                          through the crash of one server's machine
 */
public record RelaySettings(String natsUrl, String streamName, Duration maxAge, Duration duplicateWindow,
                            String source, Duration publishTimeout, int replicas) {

    /** Every subject the ledger publishes: {@code inventory.<entity>.<fact>}. */
    public static final String SUBJECTS = "inventory.>";

    /** JetStream keeps a stream on at most five servers. */
    public static final int MAX_REPLICAS = 5;

    public RelaySettings {
        if (replicas < 1 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("NATS_STREAM_REPLICAS must be 1 to " + MAX_REPLICAS
                    + " (servers of the NATS cluster that keep the stream), was " + replicas);
        }
    }
}
