package io.stockledger.api.web.audit;

/**
 * A streamed answer failed after its first bytes were sent. The controller lets it reach the servlet container,
 * which closes the connection before the end of the chunked body, so every HTTP client sees the answer as incomplete
 * (a problem document appended to half an answer could make it look complete).
 */
final class StreamInterrupted extends RuntimeException {

    StreamInterrupted(Throwable cause) {
        super("streamed answer interrupted: " + cause.getMessage(), cause);
    }
}
