package io.stockledger.api.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The options of {@code mint-token}, checked against the roles and permissions the service knows, so that a typo
 * is refused here and not discovered later as a stream of 403s.
 *
 * @param help       {@code --help} was asked for: print the usage, mint nothing
 * @param subject    the token's {@code sub}
 * @param roles      the {@code roles} claim; {@code admin} when neither roles nor permissions are given
 * @param permissions the {@code permissions} claim
 * @param ttl        {@code --ttl} as given, or null for the default
 * @param secretFile {@code --secret-file} as given, or null for the embedded default's file
 */
public record MintTokenOptions(boolean help, String subject, List<String> roles, List<String> permissions, String ttl,
                               String secretFile) {

    static final String DEFAULT_SUBJECT = "local-user";

    /**
     * @param args  the arguments after {@code mint-token}
     * @param roles the service's roles and the permissions each grants ({@code ledger.security.roles})
     */
    public static MintTokenOptions parse(List<String> args, Map<String, List<String>> roles) {
        String subject = DEFAULT_SUBJECT;
        List<String> roleNames = new ArrayList<>();
        List<String> permissions = new ArrayList<>();
        String ttl = null;
        String secretFile = null;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--help") || option.equals("-h")) {
                return new MintTokenOptions(true, subject, List.of(), List.of(), null, null);
            }
            // --name=value is the same as --name value
            String value;
            int equals = option.indexOf('=');
            if (option.startsWith("--") && equals > 0) {
                value = option.substring(equals + 1);
                option = option.substring(0, equals);
            } else {
                value = i + 1 < args.size() ? args.get(++i) : null;
            }
            switch (option) {
                case "--subject" -> subject = value(option, value);
                case "--role" -> roleNames.add(oneOf(option, value(option, value), roles.keySet()));
                case "--permission" -> permissions.add(oneOf(option, value(option, value), allPermissions(roles)));
                case "--ttl" -> ttl = value(option, value);
                case "--secret-file" -> secretFile = value(option, value);
                default -> throw new MintTokenUsageException("unknown option '" + option + "'");
            }
        }
        if (roleNames.isEmpty() && permissions.isEmpty()) {
            roleNames.add("admin");
        }
        return new MintTokenOptions(false, subject, List.copyOf(roleNames), List.copyOf(permissions), ttl,
                secretFile);
    }

    private static String value(String option, String value) {
        if (value == null || value.isBlank() || value.startsWith("--")) {
            throw new MintTokenUsageException(option + " needs a value");
        }
        return value;
    }

    private static String oneOf(String option, String value, Collection<String> known) {
        if (!known.contains(value)) {
            throw new MintTokenUsageException(option + " '" + value + "' is not one the service knows; use one of "
                    + String.join(", ", new TreeSet<>(known)));
        }
        return value;
    }

    private static Collection<String> allPermissions(Map<String, List<String>> roles) {
        TreeSet<String> all = new TreeSet<>();
        roles.values().forEach(all::addAll);
        return all;
    }
}
