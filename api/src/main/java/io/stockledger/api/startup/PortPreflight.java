package io.stockledger.api.startup;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Binds the API and management ports for an instant as soon as the configuration is known: Tomcat binds them only
 * after the database, Flyway and the event processors are up, so a port clash would otherwise be reported after
 * half a minute of work and a hundred log lines. Without DATABASE_URL, the embedded PostgreSQL's port too. Port 0
 * (any free port) needs no check.
 */
public final class PortPreflight implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String EMBEDDED_PORT = "LEDGER_EMBEDDED_PORT";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (event.getSpringApplication().getWebApplicationType() != WebApplicationType.SERVLET) {
            return;
        }
        Environment environment = event.getEnvironment();
        int apiPort = environment.getProperty("server.port", Integer.class, 8080);
        check("PORT", apiPort, environment.getProperty("server.address"));
        int managementPort = environment.getProperty("management.server.port", Integer.class, apiPort);
        if (managementPort != apiPort) {
            check("MANAGEMENT_SERVER_PORT", managementPort, environment.getProperty("management.server.address"));
        }
        if (environment.getProperty("spring.datasource.url", "").isBlank()) {
            // the embedded default's PostgreSQL: taken most often by another instance running on the same data
            check(EMBEDDED_PORT, environment.getProperty("ledger.embedded.port", Integer.class, 54329), null);
        }
    }

    static void check(String variable, int port, String address) {
        if (port <= 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            InetAddress host = address == null || address.isBlank() ? null : InetAddress.getByName(address);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new PortUnavailableException(variable, port, e);
        }
    }
}
