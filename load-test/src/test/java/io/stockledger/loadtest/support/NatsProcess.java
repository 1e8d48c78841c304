package io.stockledger.loadtest.support;

import io.stockledger.testsupport.LocalPorts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A nats-server with JetStream, its store in a directory of its own that survives a kill and a restart. */
public final class NatsProcess extends ServerProcess {

    private NatsProcess(List<String> command, int port, Path log) {
        super("nats-server", command, port, log);
    }

    public static NatsProcess start(Path directory) throws IOException {
        int port = LocalPorts.free();
        Path store = Files.createDirectories(directory).resolve("store");
        NatsProcess nats = new NatsProcess(List.of(binary(Path.of("/usr/sbin/nats-server")), "-a", "127.0.0.1", "-p",
                Integer.toString(port), "-js", "-sd", store.toString()), port, directory.resolve("nats-server.log"));
        nats.startAgain();
        return nats;
    }

    public String url() {
        return url("nats");
    }
}
