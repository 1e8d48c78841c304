package io.stockledger.api.web;

import io.stockledger.command.api.CommandOrigin;
import jakarta.servlet.http.HttpServletRequest;

/** Builds the command origin of the current HTTP request: its trace id and (until authentication) its actor. */
public final class RequestOrigin {

    /** Until bearer tokens are verified, every caller is this actor. */
    public static final String ANONYMOUS = "anonymous";

    private RequestOrigin() {
    }

    public static CommandOrigin of(HttpServletRequest request) {
        return new CommandOrigin(ANONYMOUS, TraceIdFilter.traceIdOf(request));
    }
}
