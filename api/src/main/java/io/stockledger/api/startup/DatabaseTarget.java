package io.stockledger.api.startup;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PostgreSQL JDBC URL points at, for messages: host, port and database, never a password.
 *
 * @param url      the URL as configured, with any password masked
 * @param host     the host, or null if the URL does not name one
 * @param port     the port ({@code 5432} when the URL names none)
 * @param database the database, or null
 */
record DatabaseTarget(String url, String host, int port, String database) {

    private static final Pattern POSTGRES_URL =
            Pattern.compile("jdbc:postgresql://(?:[^@/]*@)?([^:/?,]+)(?::(\\d+))?(?:,[^/]*)?/([^?]*)?.*");
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&]*|(//[^:/@]+:)[^@]*(@)");

    static DatabaseTarget of(String url) {
        String masked = url == null ? "" : PASSWORD.matcher(url).replaceAll(match -> match.group(1) != null
                ? match.group(1) + "***" : Matcher.quoteReplacement(match.group(2) + "***" + match.group(3)));
        Matcher matcher = POSTGRES_URL.matcher(url == null ? "" : url);
        if (!matcher.matches()) {
            return new DatabaseTarget(masked, null, 5432, null);
        }
        int port = matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2));
        String database = matcher.group(3) == null || matcher.group(3).isEmpty() ? null : matcher.group(3);
        return new DatabaseTarget(masked, matcher.group(1), port, database);
    }

    boolean isPostgresJdbcUrl() {
        return url.startsWith("jdbc:postgresql:");
    }

    String where() {
        return host == null ? url : host + ":" + port;
    }
}
