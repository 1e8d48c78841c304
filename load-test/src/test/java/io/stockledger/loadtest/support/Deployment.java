package io.stockledger.loadtest.support;

import io.stockledger.loadtest.ClientTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The service as it is deployed, every part of it owned by the test: a PostgreSQL, a nats-server (relay on, stream
 * {@value #STREAM}), a redis-server and the service jar of this build, each its own process on its own port, with
 * their data and logs under one directory. A test can break any part and start it again.
 */
public record Deployment(String secret, Path directory, ControlledPostgres postgres, NatsProcess nats,
                         RedisProcess redis, ServiceProcess service) implements AutoCloseable {

    public static final String STREAM = "INVENTORY";

    /** Starts everything in a new directory under {@code parent}; extra settings go to the service. */
    public static Deployment start(Path jar, Path parent, Map<String, String> extraSettings) {
        String secret = "deployment-secret-" + UUID.randomUUID();
        ControlledPostgres postgres = null;
        NatsProcess nats = null;
        RedisProcess redis = null;
        try {
            Files.createDirectories(parent);
            Path directory = Files.createTempDirectory(parent, "run-");
            postgres = ControlledPostgres.start(directory.resolve("postgres"));
            nats = NatsProcess.start(directory.resolve("nats"));
            redis = RedisProcess.start(directory.resolve("redis"));
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("DATABASE_URL", postgres.jdbcUrl());
            settings.put("DATABASE_USERNAME", postgres.username());
            settings.put("DATABASE_PASSWORD", "");
            settings.put("JWT_SECRET", secret);
            settings.put("NATS_URL", nats.url());
            settings.put("NATS_STREAM", STREAM);
            settings.put("REDIS_URL", redis.url());
            settings.putAll(extraSettings);
            ServiceProcess service = ServiceProcess.start(jar, settings, directory.resolve("service.log"));
            return new Deployment(secret, directory, postgres, nats, redis, service);
        } catch (IOException e) {
            closeQuietly(redis, nats, postgres);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly(redis, nats, postgres);
            throw e;
        }
    }

    /** The jar this build packaged (the surefire configuration names it). */
    public static Path serviceJar() {
        return Path.of(System.getProperty("loadtest.serviceJar", "../api/target/stock-ledger.jar"));
    }

    /** Tokens signed with the service's secret. */
    public ClientTokens tokens() {
        return new ClientTokens(secret, null, null, Duration.ofHours(3));
    }

    /** A second instance of the service on the same database, NATS and Redis, as another replica. */
    public ServiceProcess startAnotherInstance(String name) {
        return ServiceProcess.start(serviceJar(), service.settings(), directory.resolve(name + ".log"));
    }

    @Override
    public void close() {
        closeQuietly(service, redis, nats, postgres);
    }

    private static void closeQuietly(AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // the next part still has to go
            }
        }
    }
}
