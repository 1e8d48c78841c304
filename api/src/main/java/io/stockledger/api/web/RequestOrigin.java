package io.stockledger.api.web;

import io.stockledger.api.security.Caller;
import io.stockledger.command.api.CommandOrigin;
import jakarta.servlet.http.HttpServletRequest;

/** Builds the command origin of the current HTTP request: the verified token's subject and the trace id. */
public final class RequestOrigin {

    private RequestOrigin() {
    }

    public static CommandOrigin of(HttpServletRequest request) {
        Caller caller = Caller.current()
                .orElseThrow(() -> new IllegalStateException("no verified caller on " + request.getRequestURI()));
        return new CommandOrigin(caller.subject(), TraceIdFilter.traceIdOf(request));
    }
}
