package io.stockledger.api.web.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;

/**
 * A request Spring Security's firewall refuses to pass on (a path with {@code ;}, {@code //}, {@code ..} or an
 * encoded slash, a control character in a header): 400 {@code MALFORMED_REQUEST} as a problem document like every
 * other bad input, instead of the servlet container's error page.
 */
@Component
class ProblemRequestRejectedHandler implements RequestRejectedHandler {

    static final String DETAIL = "the request's path or headers hold something this service does not accept "
            + "(e.g. ';', '//', '..', an encoded '/' or a control character)";

    private final ObjectMapper json;

    ProblemRequestRejectedHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        Problems.write(Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "Malformed request", DETAIL, request),
                response, json);
    }
}
