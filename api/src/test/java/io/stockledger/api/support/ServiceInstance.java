package io.stockledger.api.support;

import io.stockledger.api.StockLedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * One running instance of the service, started the way an operator would (command-line arguments outrank
 * application.yml), for tests that need several instances, restarts, or settings per instance.
 */
public final class ServiceInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final LedgerClient client;

    private ServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.client = new LedgerClient("http://127.0.0.1:" + port);
    }

    public static ServiceInstance on(TestDatabase database, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--server.port=0"));
        arguments.addAll(List.of(extraArguments));
        return new ServiceInstance(new SpringApplicationBuilder(StockLedgerApplication.class)
                .run(arguments.toArray(String[]::new)));
    }

    public LedgerClient client() {
        return client;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
