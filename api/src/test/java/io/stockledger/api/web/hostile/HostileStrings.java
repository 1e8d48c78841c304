package io.stockledger.api.web.hostile;

import java.util.List;

/**
 * Text a hostile or careless client puts in a string: control characters (NUL first), unpaired surrogates,
 * noncharacters, byte order and direction marks, emoji and combining marks, scripts, injection classics, empty and
 * blank, and lengths beyond every documented limit up to a megabyte.
 */
final class HostileStrings {

    record Hostile(String name, String value) {
    }

    static final String MEGABYTE = "x".repeat(1024 * 1024);

    private HostileStrings() {
    }

    /**
     * A sample for fields and parameters of a fixed shape (ids, codes, dates), which any hostile text fails alike:
     * NUL, other controls, an unpaired surrogate, a noncharacter, a byte order mark, an emoji, empty, a trailing line
     * feed, and too long.
     */
    static List<Hostile> sample() {
        return all().stream().filter(hostile -> SAMPLE.contains(hostile.name())).toList();
    }

    private static final java.util.Set<String> SAMPLE = java.util.Set.of("NUL inside", "ANSI escape", "C1 NEL",
            "lone high surrogate", "noncharacter U+FFFF", "byte order mark", "emoji", "empty",
            "UUID with a line feed", "10,000 characters", "1 MB");

    static List<Hostile> all() {
        return List.of(
                new Hostile("NUL", "\u0000"),
                new Hostile("NUL inside", "abc\u0000def"),
                new Hostile("SOH", "\u0001"),
                new Hostile("BEL", "a\u0007b"),
                new Hostile("ANSI escape", "\u001b[31mred\u001b[0m"),
                new Hostile("DEL", "a\u007fb"),
                new Hostile("C1 NEL", "a\u0085b"),
                new Hostile("C1 CSI", "\u009b2J"),
                new Hostile("tab, line feed, carriage return", "a\tb\nc\r\nd"),
                new Hostile("lone high surrogate", "\ud800"),
                new Hostile("lone low surrogate", "x\udfffy"),
                new Hostile("surrogates reversed", "\udc00\ud800"),
                new Hostile("noncharacter U+FFFE", "a\ufffe"),
                new Hostile("noncharacter U+FFFF", "\uffff"),
                new Hostile("noncharacter U+FDD0", "\ufdd0"),
                new Hostile("noncharacter U+1FFFE", "\ud83f\udffe"),
                new Hostile("byte order mark", "\ufeffbom"),
                new Hostile("right-to-left mark", "\u200fabc"),
                new Hostile("right-to-left override", "abc\u202edcba"),
                new Hostile("line separator", "a\u2028b"),
                new Hostile("emoji", "stock \ud83d\udce6"),
                new Hostile("ZWJ family", "\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67"),
                new Hostile("combining marks", "Z\u0335\u0321a\u0338l\u0336g\u0337o\u0301\u0301\u0301"),
                new Hostile("CJK and Arabic", "\u5728\u5eab \u0645\u062e\u0632\u0648\u0646"),
                new Hostile("Latin-1", "caf\u00e9 \u00ff"),
                new Hostile("no-break space only", "\u00a0"),
                new Hostile("empty", ""),
                new Hostile("blank", "   "),
                new Hostile("SQL", "'; DROP TABLE domain_event_entry; --"),
                new Hostile("format and lookup", "%s%n${jndi:ldap://x/a}{0}"),
                new Hostile("markup", "<script>alert(1)</script>"),
                new Hostile("path", "../../etc/passwd"),
                new Hostile("UUID with a line feed", "0b5c9a3e-9d2f-4c47-a1c4-6f0d7f1b2c3d\n"),
                new Hostile("65 characters", "y".repeat(65)),
                new Hostile("129 characters", "k".repeat(129)),
                new Hostile("501 characters", "n".repeat(501)),
                new Hostile("10,000 characters", "z".repeat(10_000)),
                new Hostile("10,000 emoji", "\ud83d\ude00".repeat(10_000)),
                new Hostile("1 MB", MEGABYTE));
    }
}
