package io.stockledger.api.web.audit;

import io.stockledger.api.web.TraceIdFilter;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A streamed answer failed after its first bytes were sent. The controller lets it reach the servlet container,
 * which closes the connection before the end of the chunked body, so every HTTP client sees the answer as incomplete
 * (a problem document appended to half an answer could make it look complete).
 */
final class StreamInterrupted extends RuntimeException {

    StreamInterrupted(Throwable cause) {
        super("streamed answer interrupted: " + cause.getMessage(), cause);
    }

    /**
     * What a stream that failed throws: before anything was sent, the failure itself, which becomes an ordinary
     * problem response (the response is reset, dropping the stream's headers and buffered content but keeping the
     * trace id); once bytes are out, a {@code StreamInterrupted}.
     */
    static RuntimeException orProblem(HttpServletResponse response, RuntimeException failure) {
        if (response.isCommitted()) {
            return new StreamInterrupted(failure);
        }
        String traceId = response.getHeader(TraceIdFilter.HEADER);
        response.reset();
        if (traceId != null) {
            response.setHeader(TraceIdFilter.HEADER, traceId);
        }
        return failure;
    }
}
