package io.stockledger.api.support;

import io.stockledger.testsupport.TestDatabase;
import io.stockledger.api.StockLedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.List;

/**
 * One running instance of the service, started the way an operator would (command-line arguments outrank
 * application.yml), for tests that need several instances, restarts, or settings per instance.
 */
public final class ServiceInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final LedgerClient client;
    private final LedgerClient management;

    private ServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.client = new LedgerClient("http://127.0.0.1:" + port);
        this.management = new LedgerClient("http://127.0.0.1:"
                + context.getEnvironment().getProperty("local.management.port"), null);
    }

    public static ServiceInstance on(TestDatabase database, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of(extraArguments));
        // defaults only for what the caller did not set: a repeated argument would be joined with a comma
        for (String fallback : List.of("--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--server.port=0",
                "--management.server.port=0",
                "--ledger.security.jwt.secret=" + TestTokens.SECRET)) {
            String key = fallback.substring(0, fallback.indexOf('=') + 1);
            if (arguments.stream().noneMatch(argument -> argument.startsWith(key))) {
                arguments.add(fallback);
            }
        }
        return new ServiceInstance(new SpringApplicationBuilder(StockLedgerApplication.class)
                .run(arguments.toArray(String[]::new)));
    }

    /** A further instance on the database of an already running one, e.g. a test's own application context. */
    public static ServiceInstance sharingDatabaseOf(Environment running) {
        return on(new TestDatabase(running.getProperty("spring.datasource.url"),
                running.getProperty("spring.datasource.username"),
                running.getProperty("spring.datasource.password", "")),
                // a small pool: the running context and the test contexts Spring keeps cached hold connections too,
                // and CI's PostgreSQL allows 100
                "--spring.datasource.hikari.maximum-pool-size=8");
    }

    public LedgerClient client() {
        return client;
    }

    /** The actuator endpoints on the management port, called without a token. */
    public LedgerClient management() {
        return management;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
