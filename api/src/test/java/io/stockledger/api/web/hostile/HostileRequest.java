package io.stockledger.api.web.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request of the corpus, byte for byte: which documented operation it aims at, what it attacks (a body field, a
 * path or query parameter, a header, or the body as a whole), and the text that must be stored exactly if the
 * service accepts it.
 */
final class HostileRequest {

    /** The documented operation, as "METHOD /path/{template}", so the corpus can be checked for coverage. */
    final String operation;
    final String description;
    /** The body field, parameter or header under attack, that a field-level refusal must name; null for none. */
    final String field;
    /** Free text that must be stored exactly as sent when the request is accepted; null when nothing to check. */
    final String storedText;
    final String method;
    final byte[] target;
    final Map<String, byte[]> headers;
    final byte[] body;
    final boolean chunked;

    private HostileRequest(Builder builder) {
        this.operation = builder.operation;
        this.description = builder.description;
        this.field = builder.field;
        this.storedText = builder.storedText;
        this.method = builder.method;
        this.target = builder.target;
        this.headers = builder.headers;
        this.body = builder.body;
        this.chunked = builder.chunked;
    }

    static Builder to(String operation, String method, String target) {
        return new Builder(operation, method, target.getBytes(StandardCharsets.UTF_8));
    }

    static Builder to(String operation, String method, byte[] target) {
        return new Builder(operation, method, target);
    }

    /** The request line and headers, without the blank line that ends them. */
    byte[] head() {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes(method.getBytes(StandardCharsets.US_ASCII));
        head.write(' ');
        head.writeBytes(target);
        head.writeBytes(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n".getBytes(StandardCharsets.US_ASCII));
        headers.forEach((name, value) -> {
            head.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
            head.writeBytes(": ".getBytes(StandardCharsets.US_ASCII));
            head.writeBytes(value);
            head.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        if (body != null && chunked) {
            head.writeBytes("Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.US_ASCII));
        } else if (body != null && !headers.containsKey("Content-Length")) {
            head.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        return head.toByteArray();
    }

    /** The body as it goes on the wire: chunked in 8 KB pieces when asked. */
    byte[] wireBody() {
        if (body == null || !chunked) {
            return body;
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int offset = 0; offset < body.length; offset += 8192) {
            int length = Math.min(8192, body.length - offset);
            wire.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            wire.write(body, offset, length);
            wire.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        wire.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return wire.toByteArray();
    }

    @Override
    public String toString() {
        return operation + " | " + description;
    }

    static final class Builder {
        private final String operation;
        private final String method;
        private final byte[] target;
        private final Map<String, byte[]> headers = new LinkedHashMap<>();
        private String description = "";
        private String field;
        private String storedText;
        private byte[] body;
        private boolean chunked;

        private Builder(String operation, String method, byte[] target) {
            this.operation = operation;
            this.method = method;
            this.target = target;
        }

        Builder describedAs(String text) {
            this.description = text;
            return this;
        }

        Builder attacking(String attackedField) {
            this.field = attackedField;
            return this;
        }

        Builder storing(String text) {
            this.storedText = text;
            return this;
        }

        /** A header; sent as the UTF-8 bytes of {@code value} (control characters and all). Null removes it. */
        Builder header(String name, String value) {
            return header(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }

        Builder header(String name, byte[] value) {
            headers.keySet().removeIf(existing -> existing.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)));
            if (value != null) {
                headers.put(name, value);
            }
            return this;
        }

        Builder body(String json) {
            return body(json.getBytes(StandardCharsets.UTF_8));
        }

        Builder body(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        Builder chunked() {
            this.chunked = true;
            return this;
        }

        List<String> headerNames() {
            return new ArrayList<>(headers.keySet());
        }

        HostileRequest build() {
            return new HostileRequest(this);
        }
    }
}
