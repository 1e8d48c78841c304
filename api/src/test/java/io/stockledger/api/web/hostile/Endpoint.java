package io.stockledger.api.web.hostile;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One documented operation as the corpus drives it: a valid request (path parameters, query parameters, body), and
 * which parts of it are text, numbers, and stored free text.
 *
 * @param path        each path parameter and a valid value
 * @param query       each query parameter and a valid value, or null for an optional one sent only when attacked
 * @param body        a valid body, given the field about to be attacked (null: none), so an operation can prepare
 *                    what that field's acceptance needs; null for an operation without a body
 * @param strings     the body's string fields, as paths like {@code lines[0].line_id}
 * @param numbers     the body's numeric fields
 * @param stored      the string fields whose text the ledger stores, to be read back when accepted
 * @param accept      the Accept header of a valid request, or null
 */
record Endpoint(String method, String template, Map<String, String> path, Map<String, String> query,
                Function<String, Map<String, Object>> body, List<String> strings, List<String> numbers,
                Set<String> stored, String accept) {

    String operation() {
        return method + " " + template;
    }

    /** The request target with every path parameter valid except {@code attacked}, which is sent as given. */
    String target(String attacked, String rawValue, Map<String, String> queryValues) {
        String target = template;
        for (Map.Entry<String, String> parameter : path.entrySet()) {
            String value = parameter.getKey().equals(attacked) ? rawValue : encode(parameter.getValue());
            target = target.replace("{" + parameter.getKey() + "}", value);
        }
        StringBuilder query = new StringBuilder();
        queryValues.forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                .append(value));
        return target + query;
    }

    /** The valid query parameters, encoded. */
    Map<String, String> validQuery() {
        Map<String, String> values = new LinkedHashMap<>();
        query.forEach((name, value) -> {
            if (value != null) {
                values.put(name, encode(value));
            }
        });
        return values;
    }

    /**
     * Percent-encodes every byte of the UTF-8 form except unreserved ASCII; an unpaired surrogate becomes the three
     * bytes a careless encoder (CESU-8) would write for it, which are not UTF-8.
     */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
                continue;
            }
            byte[] bytes;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes = new byte[]{(byte) (0xE0 | (c >> 12)), (byte) (0x80 | ((c >> 6) & 0x3F)),
                        (byte) (0x80 | (c & 0x3F))};
            } else {
                bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            }
            for (byte b : bytes) {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }
}
