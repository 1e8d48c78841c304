package io.stockledger.api.web.hostile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON by hand, so the corpus can say exactly what goes on the wire: unpaired surrogates as backslash-u escapes
 * (no encoder would write them otherwise), other text as raw UTF-8, and {@link Raw} fragments verbatim (wrong types,
 * odd numbers, nested garbage).
 */
final class Json {

    /** A JSON fragment written as given. */
    record Raw(String json) {
    }

    private Json() {
    }

    static Raw raw(String json) {
        return new Raw(json);
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case Raw raw -> out.append(raw.json());
            case String text -> string(text, out);
            case Number number -> out.append(number);
            case Boolean bool -> out.append(bool);
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(entry.getKey().toString(), out);
                    out.append(':');
                    write(entry.getValue(), out);
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(list.get(i), out);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("not JSON: " + value);
        }
    }

    static String string(String text) {
        StringBuilder out = new StringBuilder();
        string(text, out);
        return out.toString();
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pairedHigh) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** A deep copy of a body of maps and lists, to change one field of it. */
    @SuppressWarnings("unchecked")
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k.toString(), copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }

    /** Sets the field at a path like {@code lines[0].line_id} in a copy of {@code body}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> with(Map<String, Object> body, String path, Object value) {
        Map<String, Object> copy = (Map<String, Object>) copy(body);
        Object parent = copy;
        String[] steps = path.replace("[", ".").replace("]", "").split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            parent = parent instanceof Map<?, ?> map ? map.get(steps[i])
                    : ((List<Object>) parent).get(Integer.parseInt(steps[i]));
        }
        String last = steps[steps.length - 1];
        if (parent instanceof Map<?, ?>) {
            ((Map<String, Object>) parent).put(last, value);
        } else {
            ((List<Object>) parent).set(Integer.parseInt(last), value);
        }
        return copy;
    }
}
