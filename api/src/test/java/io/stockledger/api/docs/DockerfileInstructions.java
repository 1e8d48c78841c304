package io.stockledger.api.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dockerfile's last stage (the image that runs), read as instructions: continuation lines joined, comments
 * dropped. Enough to compare it with the Jib configuration, not a Dockerfile parser.
 */
record DockerfileInstructions(List<String> lines) {

    private static final Pattern ENV_PAIR = Pattern.compile("(\\w+)=(\"([^\"]*)\"|\\S+)");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    static DockerfileInstructions finalStageOf(Path dockerfile) throws IOException {
        String joined = Files.readString(dockerfile).replaceAll("\\\\\\n\\s*", " ");
        List<String> lines = new ArrayList<>();
        for (String line : joined.split("\n")) {
            if (line.startsWith("FROM ")) {
                lines.clear();
            }
            if (!line.isBlank() && !line.startsWith("#")) {
                lines.add(line.strip());
            }
        }
        return new DockerfileInstructions(lines);
    }

    /** The arguments of the one instruction of this name, e.g. "USER" -> "ledger". */
    String argumentsOf(String instruction) {
        List<String> found = lines.stream().filter(line -> line.startsWith(instruction + " ")).toList();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " " + instruction + " instructions in the final stage");
        }
        return found.getFirst().substring(instruction.length() + 1).strip();
    }

    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        Matcher pair = ENV_PAIR.matcher(argumentsOf("ENV"));
        while (pair.find()) {
            environment.put(pair.group(1), pair.group(3) != null ? pair.group(3) : pair.group(2));
        }
        return environment;
    }

    /** An exec-form instruction's arguments: ENTRYPOINT ["java", "-jar", "x.jar"] -> [java, -jar, x.jar]. */
    List<String> execForm(String instruction) {
        List<String> arguments = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(argumentsOf(instruction));
        while (quoted.find()) {
            arguments.add(quoted.group(1));
        }
        return arguments;
    }

    /** The value of an option of the RUN that creates users and groups, e.g. "--uid" -> "10001". */
    String userCreationOption(String command, String option) {
        Matcher value = Pattern.compile(command + " [^&]*" + option + " (\\S+)").matcher(argumentsOf("RUN"));
        if (!value.find()) {
            throw new IllegalStateException("no " + command + " " + option + " in the final stage");
        }
        return value.group(1);
    }
}
