package io.stockledger.api.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The consumer example of docs/consumer.md, compiled and run by {@link AnalyticsConsumerExampleTest}: a durable pull
 * consumer that reads every ledger event, hands it on, and acknowledges it. The durable name keeps its position on
 * the server, so a restarted consumer continues where it stopped.
 */
public final class AnalyticsConsumerExample {

    private AnalyticsConsumerExample() {
    }

    /** Reads until a fetch comes back empty; returns how many events it handled. */
    public static int drain(String natsUrl, String durableName, Consumer<JsonNode> handle) throws Exception {
        ObjectMapper json = new ObjectMapper();
        int handled = 0;
        try (Connection connection = Nats.connect(natsUrl)) {
            JetStream jetStream = connection.jetStream();
            PullSubscribeOptions options = PullSubscribeOptions.builder()
                    .stream("INVENTORY")
                    .durable(durableName)
                    .build();
            JetStreamSubscription subscription = jetStream.subscribe("inventory.>", options);
            while (true) {
                List<Message> batch = subscription.fetch(100, Duration.ofSeconds(1));
                if (batch.isEmpty()) {
                    return handled;
                }
                for (Message message : batch) {
                    JsonNode event = json.readTree(message.getData());
                    // event.get("event_id") is unique: store it with your result to make handling idempotent
                    handle.accept(event);
                    message.ack();
                    handled++;
                }
            }
        }
    }
}
