package io.stockledger.query.relay;

/** A batch of events could not be published; the relay's processor retries it from its last token. */
public class RelayPublishException extends RuntimeException {

    public RelayPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
