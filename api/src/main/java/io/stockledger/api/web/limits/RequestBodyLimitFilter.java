package io.stockledger.api.web.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.idempotency.BufferedBodyRequest;
import io.stockledger.api.web.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses a request body larger than {@code LEDGER_MAX_REQUEST_BODY} with 413 {@code REQUEST_TOO_LARGE}, before
 * anything reads or buffers it (the idempotency filter fingerprints whole bodies, Jackson parses them). A declared
 * {@code Content-Length} over the limit is refused unread; a chunked body is read up to the limit and refused at the
 * first byte beyond it, else handed on as read.
 *
 * <p>Right after the trace id filter, so the problem carries the trace id, and before security: a body too large is
 * refused whoever sends it, without parsing a token for it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final ObjectMapper json;
    private final long limit;

    public RequestBodyLimitFilter(ObjectMapper json,
                                  @Value("${ledger.http.max-request-body}") DataSize limit) {
        this.json = json;
        this.limit = limit.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(request, response);
            return;
        }
        if (declared >= 0 || !isChunked(request)) {
            chain.doFilter(request, response); // the container never reads past the declared length
            return;
        }
        byte[] body = readAtMostLimitPlusOne(request.getInputStream());
        if (body.length > limit) {
            refuse(request, response);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    private static boolean isChunked(HttpServletRequest request) {
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null && !encoding.isBlank();
    }

    private byte[] readAtMostLimitPlusOne(InputStream in) throws IOException {
        return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemDetail problem = Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "REQUEST_TOO_LARGE", "Request too large",
                "the request body is larger than this service accepts (" + limit + " bytes)", request);
        problem.setProperty("max_body_bytes", limit);
        Problems.write(problem, response, json);
    }
}
