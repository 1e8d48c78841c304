package io.stockledger.api.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code ```bash} block of the README or docs/, taken as written, and the answers its comments promise: every
 * {@code "field":value} pair in a comment ({@code # the balance: {"on_hand":88,...}}) must be in what the block
 * prints when run.
 */
record DocumentedShellBlock(String script, Set<String> promisedPairs) {

    private static final Pattern PAIR = Pattern.compile("\"[a-z_]+\":(\"[^\"…$]*\"|-?\\d+(?:\\.\\d+)?|true|false)");

    /** The first bash block after the heading {@code heading} (e.g. {@code ## Walkthrough}) in the file. */
    static DocumentedShellBlock after(Path markdown, String heading) throws IOException {
        String text = Files.readString(markdown);
        int section = text.indexOf("\n" + heading + "\n");
        if (section < 0) {
            throw new IllegalStateException(markdown + " has no section '" + heading + "'");
        }
        int start = text.indexOf("```bash\n", section) + "```bash\n".length();
        int end = text.indexOf("\n```", start);
        String script = text.substring(start, end + 1);
        Set<String> pairs = new LinkedHashSet<>();
        for (String comment : comments(script)) {
            Matcher matcher = PAIR.matcher(comment);
            while (matcher.find()) {
                pairs.add(matcher.group());
            }
        }
        return new DocumentedShellBlock(script, pairs);
    }

    /** Whole-line comments and the comments after a command ({@code cmd   # ...}). */
    private static List<String> comments(String script) {
        List<String> comments = new ArrayList<>();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                comments.add(trimmed);
            } else if (line.contains("  # ")) {
                comments.add(line.substring(line.lastIndexOf("  # ")));
            }
        }
        return comments;
    }
}
