package io.stockledger.api.startup;

import io.stockledger.api.security.InvalidJwtKeyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** No usable key to verify bearer tokens: say which variable to set, and how to make a good secret. */
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
public final class JwtKeyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidJwtKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidJwtKeyException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set JWT_SECRET to a secret of at least 32 bytes shared with whoever issues the tokens (e.g. the "
                        + "output of: openssl rand -base64 48), or JWT_PUBLIC_KEY to the issuer's RSA public key in "
                        + "PEM. With DATABASE_URL unset (the embedded default), the service generates a local "
                        + "secret itself.",
                cause);
    }
}
