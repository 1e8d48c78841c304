package io.stockledger.api.web.hostile;

import io.stockledger.api.web.hostile.HostileStrings.Hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Generates the hostile requests for each operation: every string field with every {@link HostileStrings} value,
 * wrong JSON types and odd numbers in every field, broken and odd bodies, hostile path and query parameters, odd
 * content types and Accept headers, and hostile values of every header the service reads.
 */
final class HostileCorpus {

    private static final List<String> WRONG_TYPES = List.of("42", "-1.5", "true", "{}", "{\"a\":{\"b\":[]}}", "[]",
            "[\"x\"]", "null");
    private static final List<String> ODD_NUMBERS = List.of("\"5\"", "1.5", "1.0", "-0", "0.0", "1e3", "1E400",
            "-1E400", "1e-400", "99999999999999999999999999", "2147483648", "-2147483649", "9223372036854775808",
            "NaN", "Infinity", "-Infinity", "0x10", "007", "+1", ".5", "1.", "true", "null", "{}", "[1]", "\"\"");
    private static final List<String> ACCEPTS = List.of("image/png", "text/csv", ";;;", "*/*;charset=\u0001",
            "application/problem+json");

    private final String token;
    private final List<HostileRequest> requests = new ArrayList<>();

    HostileCorpus(String token) {
        this.token = token;
    }

    List<HostileRequest> requests() {
        return requests;
    }

    void add(Endpoint endpoint) {
        if (endpoint.body() != null) {
            bodyFields(endpoint);
            wholeBodies(endpoint);
        }
        pathParameters(endpoint);
        queryParameters(endpoint);
        for (String accept : ACCEPTS) {
            requests.add(valid(endpoint, null).header("Accept", accept).describedAs("Accept: " + accept).build());
        }
        if ("POST".equals(endpoint.method()) && !endpoint.strings().contains("idempotency_key")) {
            idempotencyKeyHeader(endpoint);
        }
    }

    /** A valid request to the operation, to change one thing of. */
    private HostileRequest.Builder valid(Endpoint endpoint, String field) {
        return request(endpoint, endpoint.target(null, null, endpoint.validQuery()),
                endpoint.body() == null ? null : Json.write(endpoint.body().apply(field)));
    }

    private HostileRequest.Builder request(Endpoint endpoint, String target, String body) {
        HostileRequest.Builder request = HostileRequest.to(endpoint.operation(), endpoint.method(), target)
                .header("Authorization", "Bearer " + token);
        if (endpoint.accept() != null) {
            request.header("Accept", endpoint.accept());
        }
        if (body != null) {
            request.header("Content-Type", "application/json").body(body);
        }
        return request;
    }

    private void bodyFields(Endpoint endpoint) {
        for (String field : endpoint.strings()) {
            boolean stored = endpoint.stored().contains(field);
            for (Hostile hostile : stored ? HostileStrings.all() : HostileStrings.sample()) {
                bodyField(endpoint, field, hostile.name(), hostile.value());
                if (field.equals("idempotency_key") && hostile.value().length() < 100) {
                    // alone, most of these are shorter than a key's 32: appended to a valid key they can be accepted
                    Map<String, Object> body = endpoint.body().apply(field);
                    String embedded = body.get(field) + hostile.value();
                    bodyField(endpoint, field, "valid + " + hostile.name(), embedded);
                }
            }
            for (String wrong : stored ? WRONG_TYPES : WRONG_TYPES.subList(0, 4)) {
                requests.add(request(endpoint, endpoint.target(null, null, endpoint.validQuery()),
                        Json.write(Json.with(endpoint.body().apply(field), field, Json.raw(wrong))))
                        .attacking(field).describedAs(field + " = " + wrong).build());
            }
        }
        for (String field : endpoint.numbers()) {
            boolean first = field.equals(endpoint.numbers().getFirst());
            for (String odd : first ? ODD_NUMBERS : ODD_NUMBERS.subList(0, 13)) {
                requests.add(request(endpoint, endpoint.target(null, null, endpoint.validQuery()),
                        Json.write(Json.with(endpoint.body().apply(field), field, Json.raw(odd))))
                        .attacking(field).describedAs(field + " = " + odd).build());
            }
        }
    }

    private void bodyField(Endpoint endpoint, String field, String name, String value) {
        Map<String, Object> body = Json.with(endpoint.body().apply(field), field, value);
        requests.add(request(endpoint, endpoint.target(null, null, endpoint.validQuery()), Json.write(body))
                .attacking(field).storing(endpoint.stored().contains(field) ? value : null)
                .describedAs(field + ": " + name).build());
    }

    /** The body as a whole: not JSON, not an object, broken, bloated, badly encoded, badly labelled. */
    private void wholeBodies(Endpoint endpoint) {
        Supplier<String> valid = () -> Json.write(endpoint.body().apply(null));
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("no body", new byte[0]);
        for (String json : List.of("null", "[]", "\"text\"", "42", "{}", "{", "{\"a\"}", "{\"a\":1,}", "\u0000")) {
            bodies.put("body " + json.replace("\u0000", "NUL"), utf8(json));
        }
        String validJson = valid.get();
        bodies.put("truncated", utf8(validJson.substring(0, validJson.length() - 1)));
        bodies.put("trailing garbage", utf8(validJson + "xyz"));
        bodies.put("trailing NUL", concat(utf8(validJson), new byte[]{0}));
        bodies.put("single quotes", utf8(validJson.replace('"', '\'')));
        bodies.put("duplicate key", utf8(duplicateFirstKey(validJson)));
        bodies.put("unknown field with NUL name", utf8(validJson.replaceFirst("\\{", "{\"\\\\u0000\":1,")));
        bodies.put("unknown field with surrogate name", utf8(validJson.replaceFirst("\\{", "{\"\\\\ud800\":1,")));
        bodies.put("unknown field with a 100,000 character name",
                utf8(validJson.replaceFirst("\\{", "{\"" + "f".repeat(100_000) + "\":1,")));
        bodies.put("10,000 unknown fields", utf8(manyFields(validJson, 10_000)));
        bodies.put("nested 100,000 deep", utf8("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
        bodies.put("UTF-8 byte order mark first", concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                utf8(validJson)));
        bodies.put("2 MB of spaces after", concat(utf8(validJson), utf8(" ".repeat(2 * 1024 * 1024))));
        bodies.put("1 MB string value", utf8(validJson.replaceFirst("\\{", "{\"x\":\"" + HostileStrings.MEGABYTE + "\",")));
        // invalid UTF-8 inside a string value: a stray continuation byte, a lone lead byte, an overlong '/',
        // a surrogate encoded as UTF-8 (CESU-8), a code point beyond U+10FFFF, and bytes that never occur
        for (byte[] invalid : List.of(new byte[]{(byte) 0x80}, new byte[]{(byte) 0xC0, (byte) 0xAF},
                new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80,
                        (byte) 0x80}, new byte[]{(byte) 0xFF})) {
            bodies.put("invalid UTF-8 " + hex(invalid), invalidUtf8In(validJson, invalid));
        }
        bodies.put("invalid UTF-8 at the very end", concat(utf8(validJson.substring(0, validJson.length() - 2)),
                new byte[]{(byte) 0xE2, (byte) 0x82}));
        bodies.put("UTF-16", validJson.getBytes(StandardCharsets.UTF_16));
        bodies.forEach((name, bytes) -> requests.add(valid(endpoint, null).body(bytes).describedAs(name).build()));
        requests.add(valid(endpoint, null).chunked().describedAs("valid, chunked").build());
        requests.add(valid(endpoint, null).body(concat(utf8(validJson), utf8(" ".repeat(2 * 1024 * 1024))))
                .chunked().describedAs("2 MB, chunked").build());
        requests.add(valid(endpoint, null).header("Content-Length", "5").describedAs("Content-Length too short")
                .build());
        requests.add(valid(endpoint, null).header("Content-Length", "abc").describedAs("Content-Length not a number")
                .build());
        for (String type : List.of("", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                "application/json; charset=utf-16", "application/json; charset=bogus", "application/json, text/plain",
                "*/*", ";", "application/json\u0001")) {
            requests.add(valid(endpoint, null).header("Content-Type", type)
                    .describedAs("Content-Type: " + type.replace("\u0001", "SOH")).build());
        }
        requests.add(valid(endpoint, null).header("Content-Type", (String) null).describedAs("no Content-Type")
                .build());
    }

    private void pathParameters(Endpoint endpoint) {
        for (String parameter : endpoint.path().keySet()) {
            for (Hostile hostile : HostileStrings.sample()) {
                if (hostile.value().length() > 2_000) {
                    continue; // beyond the request line's limit: see the request-line cases
                }
                requests.add(request(endpoint, endpoint.target(parameter, Endpoint.encode(hostile.value()),
                                endpoint.validQuery()), endpoint.body() == null ? null
                                : Json.write(endpoint.body().apply(null)))
                        .attacking(parameter).describedAs("path " + parameter + ": " + hostile.name()).build());
            }
            for (String raw : List.of("%zz", "%2F", "..", ";x=1", "%C0%AF", "%ED%A0%80", "%FF%FE", "\u00e9")) {
                requests.add(request(endpoint, endpoint.target(parameter, raw, endpoint.validQuery()),
                                endpoint.body() == null ? null : Json.write(endpoint.body().apply(null)))
                        .attacking(parameter).describedAs("raw path " + parameter + ": "
                                + (raw.length() > 20 ? raw.length() + " characters" : raw)).build());
            }
        }
    }

    private void queryParameters(Endpoint endpoint) {
        for (String parameter : endpoint.query().keySet()) {
            for (Hostile hostile : HostileStrings.sample()) {
                if (hostile.value().length() > 2_000) {
                    continue;
                }
                Map<String, String> query = endpoint.validQuery();
                query.put(parameter, Endpoint.encode(hostile.value()));
                requests.add(request(endpoint, endpoint.target(null, null, query), null).attacking(parameter)
                        .describedAs("query " + parameter + ": " + hostile.name()).build());
            }
            for (String raw : List.of("", "%zz", "-1", "99999999999999999999", "1.5", "2030-02-30",
                    "+999999999-12-31T23:59:59Z")) {
                Map<String, String> query = endpoint.validQuery();
                query.put(parameter, raw);
                requests.add(request(endpoint, endpoint.target(null, null, query), null).attacking(parameter)
                        .describedAs("raw query " + parameter + "=" + (raw.length() > 20 ? raw.length()
                                + " characters" : raw)).build());
            }
            String repeated = endpoint.target(null, null, endpoint.validQuery());
            repeated += (repeated.contains("?") ? "&" : "?") + parameter + "=a&" + parameter + "=b";
            requests.add(request(endpoint, repeated, null).describedAs("query " + parameter + " twice").build());
            String bare = endpoint.target(null, null, endpoint.validQuery());
            bare += (bare.contains("?") ? "&" : "?") + parameter;
            requests.add(request(endpoint, bare, null).describedAs("query " + parameter + " without =").build());
        }
        requests.add(request(endpoint, endpoint.target(null, null, endpoint.validQuery()) + "&unknown%00=\u00e9",
                null).describedAs("an unknown query parameter").build());
    }

    private void idempotencyKeyHeader(Endpoint endpoint) {
        List<String> keys = new ArrayList<>(List.of("", " ", "a b", "\u00e9t\u00e9", "\u5728\u5eab", "k".repeat(256),
                "k".repeat(10_000), "\ud83d\udce6", "key\u0001", "key\u007f", "key\u0085"));
        for (String key : keys) {
            requests.add(valid(endpoint, null).header("Idempotency-Key", key).attacking("Idempotency-Key")
                    .describedAs("Idempotency-Key: " + describe(key)).build());
        }
        requests.add(valid(endpoint, null).header("Idempotency-Key", new byte[]{'k', 0, 'k'})
                .describedAs("Idempotency-Key with a raw NUL").build());
        requests.add(valid(endpoint, null).header("Idempotency-Key", new byte[]{'k', (byte) 0xFF, (byte) 0xC3})
                .describedAs("Idempotency-Key with invalid UTF-8").build());
    }

    /** Hostile values of the headers the service reads, and of the request line, on one operation. */
    void headers(Endpoint endpoint, Supplier<String> tokenWithSubject) {
        List<String> values = List.of("", "\u00e9", "\u5728\u5eab", "x".repeat(8_000), "a\u0001b",
                "00-00000000000000000000000000000000-0000000000000000-01", "00-xyz-abc-01", "\ud83d\udce6");
        for (String header : List.of("Authorization", "traceparent", "tracestate", "baggage", "X-Trace-ID",
                "X-Request-Id", "Accept-Language", "Accept-Charset", "Origin", "Forwarded", "X-Forwarded-For",
                "X-Forwarded-Proto", "Expect")) {
            for (String value : values) {
                requests.add(valid(endpoint, null).header(header, value).describedAs(header + ": " + describe(value))
                        .build());
            }
        }
        for (String authorization : List.of("Bearer", "Bearer ", "Bearer a.b.c", "Bearer " + "x".repeat(10_000),
                "Basic Zm9vOmJhcg==", "bearer " + token, "Bearer  " + token, "Bearer " + token + " extra",
                "Bearer " + token.replace('.', '\u0000'))) {
            requests.add(valid(endpoint, null).header("Authorization", authorization)
                    .describedAs("Authorization: " + describe(authorization)).build());
        }
        String subjectToken = tokenWithSubject.get();
        requests.add(valid(endpoint, null).header("Authorization", "Bearer " + subjectToken)
                .describedAs("a token with a hostile subject").build());
        requests.add(valid(endpoint, null).header("Authorization", (String) null).describedAs("no Authorization")
                .build());
        requests.add(valid(endpoint, null).header("Bad Header", "x").describedAs("a header name with a space")
                .build());
        requests.add(valid(endpoint, null).header("X-\u00c9vil", "x").describedAs("a non-ASCII header name").build());
        requests.add(valid(endpoint, null).header("X-Huge", "h".repeat(20_000)).describedAs("a 20 KB header")
                .build());
        HostileRequest.Builder many = valid(endpoint, null).describedAs("200 headers of 100 bytes");
        for (int i = 0; i < 200; i++) {
            many.header("X-Many-" + i, "m".repeat(100));
        }
        requests.add(many.build());
    }

    /** Request lines no client library would send. */
    void requestLines(Endpoint endpoint) {
        String path = endpoint.target(null, null, endpoint.validQuery());
        for (byte[] target : List.of(utf8(path + "\u0001"), utf8(path.replace("/v1", "/v1\u00e9")),
                concat(utf8(path), new byte[]{(byte) 0xFF}), utf8(path + "/" + "p".repeat(20_000)),
                utf8("http://evil.example" + path), utf8("*"), utf8(path + "#fragment"), utf8(path + "?a=<b>"),
                utf8("/v1/%2e%2e/%2e%2e/etc/passwd"), utf8("/v1//stock"), utf8("/error"), utf8("/v1/../error"),
                utf8("/v1/unknown"), utf8("/"), utf8("/v3/api-docs/%00"))) {
            requests.add(HostileRequest.to(endpoint.operation(), endpoint.method(), target)
                    .header("Authorization", "Bearer " + token)
                    .describedAs("request target " + describe(new String(target, StandardCharsets.ISO_8859_1)))
                    .build());
        }
        for (String method : List.of("BREW", "get", "TRACE", "OPTIONS", "DELETE", "PATCH", "HEAD")) {
            requests.add(HostileRequest.to(endpoint.operation(), method, path)
                    .header("Authorization", "Bearer " + token).describedAs("method " + method).build());
        }
    }

    private static String describe(String value) {
        StringBuilder shown = new StringBuilder();
        value.codePoints().limit(40).forEach(c -> shown.append(c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)
                ? String.format("\\u%04x", c) : Character.toString(c)));
        return value.length() > 40 ? shown + "... (" + value.length() + " characters)" : shown.toString();
    }

    private static String duplicateFirstKey(String json) {
        int colon = json.indexOf(':');
        int comma = json.indexOf(',');
        if (colon < 0 || comma < 0) {
            return json.replaceFirst("\\{", "{\"a\":1,\"a\":2,");
        }
        String firstKey = json.substring(1, colon);
        return "{" + firstKey + ":\"other\"," + json.substring(1);
    }

    private static String manyFields(String json, int count) {
        StringBuilder fields = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            fields.append("\"f").append(i).append("\":").append(i).append(',');
        }
        return fields + json.substring(1);
    }

    private static byte[] invalidUtf8In(String json, byte[] invalid) {
        int quote = json.indexOf("\":\"");
        if (quote < 0) {
            return concat(utf8(json.replaceFirst("\\{", "{\"x\":\"")), invalid, utf8("\","));
        }
        return concat(utf8(json.substring(0, quote + 3)), invalid, utf8(json.substring(quote + 3)));
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02X", b & 0xFF));
        }
        return hex.toString();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
