package io.stockledger.loadtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A nats-server with JetStream, its store in a directory of its own that survives a kill and a restart. */
public final class NatsProcess extends ServerProcess {

    private NatsProcess(List<String> command, int port, Path log) {
        super("nats-server", command, port, log);
    }

    public static NatsProcess start(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = LocalPorts.free();
        NatsProcess nats = new NatsProcess(List.of(binary(), "-a", "127.0.0.1", "-p", Integer.toString(port), "-js",
                "-sd", directory.resolve("store").toString()), port, directory.resolve("nats-server.log"));
        nats.startAgain();
        return nats;
    }

    public String url() {
        return "nats://127.0.0.1:" + port();
    }

    private static String binary() {
        Path system = Path.of("/usr/sbin/nats-server");
        return Files.isExecutable(system) ? system.toString() : "nats-server";
    }
}
