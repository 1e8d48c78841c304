package io.stockledger.api.startup;

/**
 * A port the service is configured to listen on cannot be bound, found before any database work.
 *
 * @see PortPreflight
 */
public final class PortUnavailableException extends RuntimeException {

    private final String variable;
    private final int port;

    PortUnavailableException(String variable, int port, Throwable cause) {
        super(variable + " " + port + " is already in use", cause);
        this.variable = variable;
        this.port = port;
    }

    /** The environment variable that sets the port: {@code PORT} or {@code MANAGEMENT_SERVER_PORT}. */
    public String variable() {
        return variable;
    }

    public int port() {
        return port;
    }
}
