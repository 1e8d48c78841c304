package io.stockledger.loadtest.support;

import io.stockledger.testsupport.LocalPorts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server binary (nats-server, redis-server) that a test owns on a port of its own, so it can kill it with SIGKILL,
 * as a crash would, and start it again on the same port and data. Never the shared servers of the machine.
 */
public class ServerProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final int port;
    private final Path log;
    private Process process;

    ServerProcess(String name, List<String> command, int port, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.port = port;
        this.log = log;
    }

    public int port() {
        return port;
    }

    /** How clients reach the server: {@code scheme://127.0.0.1:port}. */
    protected String url(String scheme) {
        return scheme + "://127.0.0.1:" + port;
    }

    /** The binary where the distribution installs it, or else the one of that name on the PATH. */
    static String binary(Path installed) {
        return Files.isExecutable(installed) ? installed.toString() : installed.getFileName().toString();
    }

    public synchronized void startAgain() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Process started = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
            process = started;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
        LocalPorts.awaitListening(port, true, Duration.ofSeconds(30), name);
    }

    /** SIGKILL: gone at once, every client connection cut. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LocalPorts.awaitListening(port, false, Duration.ofSeconds(10), name);
    }

    @Override
    public void close() {
        kill();
    }
}
