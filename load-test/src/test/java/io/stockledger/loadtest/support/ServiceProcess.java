package io.stockledger.loadtest.support;

import io.stockledger.testsupport.LocalPorts;
import io.stockledger.testsupport.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.stockledger.testsupport.Pauses.pause;

/**
 * The service jar of this build, started as its own process the way an operator starts it (environment variables,
 * README "Configuration"), so the tests talk to exactly what ships. Its output goes to a log file next to the
 * test's other output; a restart appends to the same file. It keeps its ports across restarts, so clients find it
 * again where it was, as behind a fixed address.
 */
public final class ServiceProcess implements AutoCloseable {

    // generous: on a loaded 2-core machine a start has taken over three minutes
    private static final Duration STARTUP = Duration.ofMinutes(5);
    /** Variables the caller's environment may hold that would change what the service connects to. */
    private static final List<String> INHERITED_SETTINGS = List.of("NATS_URL", "REDIS_URL", "JWT_PUBLIC_KEY",
            "JWT_ISSUER", "JWT_AUDIENCE", "SPRING_PROFILES_ACTIVE", "DATABASE_URL", "DATABASE_USERNAME",
            "DATABASE_PASSWORD", "LEDGER_DATA_DIR", "LEDGER_EMBEDDED_PORT", "LEDGER_ROUTING",
            "LEDGER_ROUTING_CLUSTER_NAME", "LEDGER_ROUTING_BIND_ADDRESS", "LEDGER_ROUTING_PORT");

    private final Path jar;
    private final Map<String, String> settings;
    private final int port;
    private final int managementPort;
    private final Path log;
    private Process process;

    private ServiceProcess(Path jar, Map<String, String> settings, int port, int managementPort, Path log) {
        this.jar = jar;
        this.settings = settings;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** On a database of the shared test server, without NATS or Redis (the ledger is correct without them). */
    public static ServiceProcess start(Path jar, TestDatabase database, String jwtSecret, Path log) {
        return start(jar, Map.of(
                "DATABASE_URL", database.jdbcUrl(),
                "DATABASE_USERNAME", database.username(),
                "DATABASE_PASSWORD", database.password(),
                "JWT_SECRET", jwtSecret), log);
    }

    /** With exactly these settings (environment variables) besides its ports. */
    public static ServiceProcess start(Path jar, Map<String, String> settings, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no service jar at " + jar + ": build it first (./mvnw -q package "
                    + "-DskipTests, or ./mvnw verify from the root, which packages api before load-test)");
        }
        ServiceProcess service = new ServiceProcess(jar, Map.copyOf(settings), LocalPorts.free(), LocalPorts.free(), log);
        service.startAgain();
        return service;
    }

    /** Starts the process (again, after {@link #kill()} or {@link #terminate()}) and waits until it is ready. */
    public synchronized void startAgain() {
        if (process != null && process.isAlive()) {
            return;
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        // tests start quicker with C1 alone; a benchmark measures the JVM as deployed (-Dloadtest.service.fullJit=true)
        String jit = Boolean.getBoolean("loadtest.service.fullJit") ? "-XX:+TieredCompilation" : "-XX:TieredStopAtLevel=1";
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Daxoniq.update-checker.disabled=true",
                jit, "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        INHERITED_SETTINGS.forEach(environment::remove);
        environment.putAll(settings);
        environment.put("PORT", String.valueOf(port));
        environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "---- started by the test at " + Instant.now() + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            Process started = builder.start();
            // never outlives the test JVM, even when it is killed
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
            process = started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The actuator (health, metrics, prometheus): no token needed. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: the process ends at once, whatever it was doing, as when a machine or container dies. */
    public synchronized void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, as an orchestrator stops it; returns the exit code, or -1 if it had not ended within the bound. */
    public synchronized int terminate(Duration bound) {
        process.destroy();
        return awaitExit(bound) ? process.exitValue() : -1;
    }

    private boolean awaitExit(Duration bound) {
        try {
            return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(managementUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause(Duration.ofMillis(250));
        }
        close();
        throw new IllegalStateException("the service was not ready within " + STARTUP.toSeconds() + " s; see " + log);
    }

    @Override
    public synchronized void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Settings for a copy: another instance on the same stores, as in a second replica. */
    public Map<String, String> settings() {
        return new LinkedHashMap<>(settings);
    }

}
