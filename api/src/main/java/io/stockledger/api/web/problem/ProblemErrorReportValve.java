package io.stockledger.api.web.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Tomcat's last word on an error nobody answered: a request it refused while parsing it (a control character in a
 * header, a malformed {@code Content-Length}, an undecodable path), before any filter or servlet saw it. Instead of
 * Tomcat's HTML page, the same problem document as every other error (without {@code trace_id}: no trace was started,
 * and without {@code instance}: the path is what could not be read).
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String code = switch (status) {
            case 400 -> "MALFORMED_REQUEST";
            case 413 -> "REQUEST_TOO_LARGE";
            default -> known == null ? "HTTP_" + status : known.name();
        };
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:stock-ledger:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", status == 400
                ? "the request could not be read: its request line or headers are malformed"
                : known == null ? "the request was refused" : known.getReasonPhrase());
        problem.put("code", code);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException unwritable) {
            // the connection is gone or the response already committed: nothing more to say
        }
    }
}
