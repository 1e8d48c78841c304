package io.stockledger.loadtest.support;

import io.stockledger.testsupport.LocalPorts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A redis-server without persistence (the service keeps only replayable responses there). */
public final class RedisProcess extends ServerProcess {

    private RedisProcess(List<String> command, int port, Path log) {
        super("redis-server", command, port, log);
    }

    public static RedisProcess start(Path directory) throws IOException {
        int port = LocalPorts.free();
        RedisProcess redis = new RedisProcess(List.of(binary(Path.of("/usr/bin/redis-server")), "--bind", "127.0.0.1",
                "--port", Integer.toString(port), "--save", "", "--appendonly", "no", "--dir",
                Files.createDirectories(directory).toString()),
                port, directory.resolve("redis-server.log"));
        redis.startAgain();
        return redis;
    }

    public String url() {
        return url("redis");
    }
}
