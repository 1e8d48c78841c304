package io.stockledger.api.support;

import io.stockledger.testsupport.LocalPorts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real NATS server with JetStream that a test owns: its own port and store directory, so the test can stop it
 * and start it again (same port, same data) to simulate an outage. Uses the {@code nats-server} binary on the PATH
 * or at {@code /usr/sbin/nats-server}.
 */
public final class NatsServer implements AutoCloseable {

    private final int port;
    private final Path storeDir;
    private final List<String> moreArguments;
    private Process process;

    private NatsServer(int port, Path storeDir, List<String> moreArguments) {
        this.port = port;
        this.storeDir = storeDir;
        this.moreArguments = moreArguments;
    }

    public static NatsServer start() {
        return start(LocalPorts.free(), List.of());
    }

    /** A server on the port given, with more command-line arguments (a cluster member's, see {@link NatsCluster}). */
    static NatsServer start(int port, List<String> moreArguments) {
        try {
            NatsServer server = new NatsServer(port, Files.createTempDirectory("nats-test-"), moreArguments);
            server.startAgain();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start nats-server", e);
        }
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public synchronized void startAgain() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            List<String> command = new ArrayList<>(List.of(binary(), "-a", "127.0.0.1", "-p", Integer.toString(port),
                    "-js", "-sd", storeDir.toString()));
            command.addAll(moreArguments);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(storeDir.resolve("server.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start nats-server", e);
        }
        waitUntil(true);
    }

    /** Stops the server the way an outage would: the process is gone, clients lose their connection. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        waitUntil(false);
    }

    @Override
    public void close() {
        stop();
    }

    private void waitUntil(boolean listening) {
        LocalPorts.awaitListening(port, listening, Duration.ofSeconds(15), "nats-server");
    }

    private static String binary() {
        Path system = Path.of("/usr/sbin/nats-server");
        return Files.isExecutable(system) ? system.toString() : "nats-server";
    }

}
