package io.stockledger.api.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real NATS server with JetStream that a test owns: its own port and store directory, so the test can stop it
 * and start it again (same port, same data) to simulate an outage. Uses the {@code nats-server} binary on the PATH
 * or at {@code /usr/sbin/nats-server}.
 */
public final class NatsServer implements AutoCloseable {

    private final int port;
    private final Path storeDir;
    private Process process;

    private NatsServer(int port, Path storeDir) {
        this.port = port;
        this.storeDir = storeDir;
    }

    public static NatsServer start() {
        try {
            NatsServer server = new NatsServer(freePort(), Files.createTempDirectory("nats-test-"));
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
            process = new ProcessBuilder(binary(), "-a", "127.0.0.1", "-p", Integer.toString(port), "-js",
                    "-sd", storeDir.toString())
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
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            if (isListening() == listening) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("nats-server on " + port + (listening ? " did not start" : " did not stop"));
    }

    private boolean isListening() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String binary() {
        Path system = Path.of("/usr/sbin/nats-server");
        return Files.isExecutable(system) ? system.toString() : "nats-server";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
