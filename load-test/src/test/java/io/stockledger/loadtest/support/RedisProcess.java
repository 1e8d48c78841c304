package io.stockledger.loadtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A redis-server without persistence (the service keeps only replayable responses there). */
public final class RedisProcess extends ServerProcess {

    private RedisProcess(List<String> command, int port, Path log) {
        super("redis-server", command, port, log);
    }

    public static RedisProcess start(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = LocalPorts.free();
        RedisProcess redis = new RedisProcess(List.of(binary(), "--bind", "127.0.0.1", "--port",
                Integer.toString(port), "--save", "", "--appendonly", "no", "--dir", directory.toString()),
                port, directory.resolve("redis-server.log"));
        redis.startAgain();
        return redis;
    }

    public String url() {
        return "redis://127.0.0.1:" + port();
    }

    private static String binary() {
        Path system = Path.of("/usr/bin/redis-server");
        return Files.isExecutable(system) ? system.toString() : "redis-server";
    }
}
