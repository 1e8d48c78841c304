package io.stockledger.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads back everything a JetStream stream holds, in stream order, as a test's independent consumer would. */
public final class StreamReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message: its stream sequence, subject, the headers we check, and its JSON payload. */
    public record Message(long streamSequence, String subject, java.util.Map<String, String> headers, JsonNode body) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    private final Connection connection;
    private final String stream;

    public StreamReader(String natsUrl, String stream) throws IOException, InterruptedException {
        this.connection = Nats.connect(natsUrl);
        this.stream = stream;
    }

    public long count() {
        try {
            JetStreamManagement management = connection.jetStreamManagement();
            if (!management.getStreamNames().contains(stream)) {
                return 0;
            }
            return management.getStreamInfo(stream).getStreamState().getMsgCount();
        } catch (IOException | JetStreamApiException e) {
            return -1;
        }
    }

    public List<Message> all() throws IOException, JetStreamApiException {
        JetStreamManagement management = connection.jetStreamManagement();
        long last = management.getStreamInfo(stream).getStreamState().getLastSequence();
        List<Message> messages = new ArrayList<>();
        for (long sequence = 1; sequence <= last; sequence++) {
            MessageInfo info = management.getMessage(stream, sequence);
            java.util.Map<String, String> headers = new java.util.HashMap<>();
            info.getHeaders().entrySet().forEach(header -> headers.put(header.getKey(), header.getValue().get(0)));
            messages.add(new Message(info.getSeq(), info.getSubject(), headers, JSON.readTree(info.getData())));
        }
        return messages;
    }

    @Override
    public void close() throws InterruptedException {
        connection.close();
    }
}
