package io.stockledger.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.support.LedgerClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.StreamSupport;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's OpenAPI document as a JSON tree, fetched over HTTP without a token, with the few look-ups the tests
 * need, a structural check of a real JSON body against a documented schema, and the assertion that an answer is one
 * the document promises.
 */
final class OpenApiDocument {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    /** GET without any Authorization header. */
    static HttpResponse<String> getWithoutToken(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static OpenApiDocument fetch(String baseUrl) {
        HttpResponse<String> response = getWithoutToken(baseUrl + "/v3/api-docs");
        if (response.statusCode() != 200) {
            throw new AssertionError("/v3/api-docs answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return new OpenApiDocument(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operation object, or a missing node. {@code method} in any case. */
    JsonNode operation(String method, String path) {
        return root.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
    }

    /** Follows a {@code $ref} (to anything under the document), or returns the node itself. */
    JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new AssertionError("external $ref " + ref);
            }
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new AssertionError("broken $ref " + ref);
            }
            node = target;
        }
        return node;
    }

    JsonNode requestSchema(String method, String path) {
        return resolve(operation(method, path).path("requestBody").path("content").path("application/json")
                .path("schema"));
    }

    JsonNode responseSchema(String method, String path, int status, String mediaType) {
        JsonNode response = resolve(operation(method, path).path("responses").path(String.valueOf(status)));
        return resolve(response.path("content").path(mediaType).path("schema"));
    }

    static Set<String> names(JsonNode arrayOrObject) {
        Set<String> names = new HashSet<>();
        if (arrayOrObject.isArray()) {
            arrayOrObject.forEach(element -> names.add(element.asText()));
        } else {
            arrayOrObject.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    /** The schema's type: "type" as a string, or the one non-null entry of a 3.1 type array. */
    static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        return type.isMissingNode() ? null : type.asText();
    }

    /** The answer is one this document promises (see below); returned for further assertions. */
    LedgerClient.Response conforms(String method, String path, LedgerClient.Response response) {
        conforms(method, path, response.status(), response.contentType(), response.body(), response.raw());
        return response;
    }

    /** The same for a raw HTTP answer; returns its body as JSON. */
    JsonNode conforms(String method, String path, HttpResponse<String> response) throws IOException {
        JsonNode body = JSON.readTree(response.body());
        conforms(method, path, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                body, response.body());
        return body;
    }

    /** The response's status is documented for the operation, with its media type, and its body fits the schema. */
    private void conforms(String method, String path, int status, String contentType, JsonNode body, String raw) {
        JsonNode responses = operation(method, path).path("responses");
        assertThat(responses.has(String.valueOf(status)))
                .as("%s %s answered %s, which is documented (%s)", method, path, status, raw).isTrue();
        String mediaType = contentType.split(";")[0].trim();
        JsonNode schema = responseSchema(method, path, status, mediaType);
        assertThat(schema.isMissingNode())
                .as("%s %s %s is documented as %s", method, path, status, mediaType).isFalse();
        assertThat(violations(body, schema)).as("%s %s %s: %s", method, path, status, raw).isEmpty();
    }

    /**
     * The ways {@code value} does not conform to {@code schema}: missing required properties, properties the schema
     * does not document, wrong types, enum values, formats (uuid, date-time) and numeric bounds. Empty if it does.
     */
    List<String> violations(JsonNode value, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        check(value, resolve(schema), "$", problems);
        return problems;
    }

    private void check(JsonNode value, JsonNode schema, String where, List<String> problems) {
        if (schema.has("oneOf")) {
            long fitting = StreamSupport.stream(schema.get("oneOf").spliterator(), false).filter(alternative -> {
                List<String> misfits = new ArrayList<>();
                check(value, resolve(alternative), where, misfits);
                return misfits.isEmpty();
            }).count();
            if (fitting != 1) {
                problems.add(where + ": fits " + fitting + " of the oneOf alternatives, not exactly one: " + value);
            }
            return;
        }
        if (value.isNull() && schema.path("type").isArray()
                && names(schema.get("type")).contains("null")) {
            return; // a 3.1 nullable: null is one of its types
        }
        String type = typeOf(schema);
        if (type == null) {
            problems.add(where + ": the schema has no type");
            return;
        }
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(where + ": expected an object, got " + value);
                    return;
                }
                for (JsonNode required : schema.path("required")) {
                    if (!value.has(required.asText())) {
                        problems.add(where + ": required property " + required.asText() + " is missing");
                    }
                }
                JsonNode properties = schema.path("properties");
                for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
                    String field = it.next();
                    if (!properties.has(field)) {
                        problems.add(where + ": property " + field + " is not documented");
                    } else {
                        check(value.get(field), resolve(properties.get(field)), where + "." + field, problems);
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(where + ": expected an array, got " + value);
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), resolve(schema.path("items")), where + "[" + i + "]", problems);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(where + ": expected a string, got " + value);
                    return;
                }
                checkString(value.asText(), schema, where, problems);
            }
            case "integer", "number" -> {
                boolean integer = "integer".equals(type);
                if (integer ? !value.isIntegralNumber() : !value.isNumber()) {
                    problems.add(where + ": expected " + (integer ? "an integer" : "a number") + ", got " + value);
                    return;
                }
                checkBounds(value.decimalValue(), schema, where, problems);
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(where + ": expected a boolean, got " + value);
                }
            }
            default -> problems.add(where + ": unexpected schema type " + type);
        }
        if (schema.has("enum") && !names(schema.get("enum")).contains(value.asText())) {
            problems.add(where + ": " + value + " is not one of " + schema.get("enum"));
        }
    }

    private static void checkString(String text, JsonNode schema, String where, List<String> problems) {
        String format = schema.path("format").asText("");
        try {
            switch (format) {
                case "uuid" -> UUID.fromString(text);
                case "date-time" -> OffsetDateTime.parse(text);
                case "uri", "uri-reference" -> URI.create(text);
                default -> {
                }
            }
        } catch (RuntimeException e) {
            problems.add(where + ": " + text + " is not a " + format);
        }
        if (schema.has("pattern") && !java.util.regex.Pattern.compile(schema.get("pattern").asText())
                .matcher(text).find()) {
            problems.add(where + ": " + text + " does not match " + schema.get("pattern").asText());
        }
        if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
            problems.add(where + ": shorter than " + schema.get("minLength"));
        }
        if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
            problems.add(where + ": longer than " + schema.get("maxLength"));
        }
    }

    private static void checkBounds(BigDecimal number, JsonNode schema, String where, List<String> problems) {
        if (schema.has("minimum") && number.compareTo(schema.get("minimum").decimalValue()) < 0) {
            problems.add(where + ": " + number + " is below " + schema.get("minimum"));
        }
        if (schema.has("maximum") && number.compareTo(schema.get("maximum").decimalValue()) > 0) {
            problems.add(where + ": " + number + " is above " + schema.get("maximum"));
        }
    }
}
