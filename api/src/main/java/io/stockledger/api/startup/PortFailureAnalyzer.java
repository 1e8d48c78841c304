package io.stockledger.api.startup;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A port the service needs is taken: name the variable that sets it. Found by {@link PortPreflight} before the
 * database work, or by the web server itself if the port was taken in between.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class PortFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        var preflight = CauseChain.find(failure, PortUnavailableException.class);
        if (preflight.isPresent()) {
            PortUnavailableException taken = preflight.get();
            if (PortPreflight.EMBEDDED_PORT.equals(taken.variable())) {
                return new FailureAnalysis(
                        "Port " + taken.port() + " (" + taken.variable() + "), where the embedded PostgreSQL would "
                                + "listen, is already in use: most often by another instance of this service "
                                + "running on the embedded default.",
                        "Stop the other instance (or the process listening on port " + taken.port() + "), or give "
                                + "this one its own LEDGER_EMBEDDED_PORT and LEDGER_DATA_DIR. To run several "
                                + "instances on the same data, point DATABASE_URL of each at one PostgreSQL server.",
                        taken);
            }
            return new FailureAnalysis(
                    "Port " + taken.port() + " (" + taken.variable() + ") is already in use: another process, or "
                            + "another instance of this service, listens on it.",
                    "Stop the process listening on port " + taken.port() + " (ss -ltnp 'sport = :" + taken.port()
                            + "' shows it), or set " + taken.variable() + " to a free port.",
                    taken);
        }
        return CauseChain.find(failure, PortInUseException.class)
                .map(inUse -> new FailureAnalysis(
                        "Port " + inUse.getPort() + " is already in use: another process, or another instance of "
                                + "this service, listens on it.",
                        "Stop the process listening on port " + inUse.getPort() + ", or set PORT (the API) or "
                                + "MANAGEMENT_SERVER_PORT (actuator) to a free port.",
                        inUse))
                .orElse(null);
    }
}
