package io.stockledger.api.web.audit;

import io.stockledger.api.web.InvalidParameterException;
import io.stockledger.api.web.PathIds;
import io.stockledger.events.effect.MovementType;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Parses the query parameters of the audit endpoints, reporting each bad one as a 422 naming it. Parameters are
 * taken as text and checked here, so a wrong type ({@code limit=ten}) is the same 422 as a wrong value. A parameter
 * the endpoint does not know is refused too: a misspelt filter ({@code form=}) must not silently widen an audit.
 */
public final class AuditParameters {

    static final String INSTANT_REASON = "must be an RFC 3339 date-time with an offset, e.g. 2025-01-31T23:59:59Z";
    static final String TYPE_REASON = "must be one of " + Arrays.stream(MovementType.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    private AuditParameters() {
    }

    public static void onlyKnown(HttpServletRequest request, Set<String> known) {
        request.getParameterMap().keySet().stream().filter(name -> !known.contains(name)).sorted().findFirst()
                .ifPresent(unknown -> {
                    throw new InvalidParameterException(unknown, "is not a parameter of this endpoint");
                });
        noneDropped(request);
    }

    /**
     * Tomcat leaves out a parameter it cannot decode ({@code %zz}, bytes that are not UTF-8) as if it had not been
     * sent; an audit filter read as absent would silently widen the answer, so it is refused, named.
     */
    private static void noneDropped(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) {
            return;
        }
        for (String pair : query.split("&")) {
            String rawName = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            String name = decodedOrRaw(rawName);
            if (!rawName.isEmpty() && !request.getParameterMap().containsKey(name)) {
                throw new InvalidParameterException(name, "could not be decoded: percent-encode it as UTF-8");
            }
        }
    }

    private static String decodedOrRaw(String rawName) {
        try {
            return URLDecoder.decode(rawName, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException undecodable) {
            return rawName;
        }
    }

    public static UUID requiredUuid(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidParameterException(parameter, "is required");
        }
        return PathIds.uuid(parameter, value);
    }

    public static UUID optionalUuid(String parameter, String value) {
        return value == null ? null : PathIds.uuid(parameter, value);
    }

    /** An RFC 3339 date-time (offset required, {@code Z} or {@code +hh:mm}), or null when absent. */
    public static Instant instant(String parameter, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(parameter, INSTANT_REASON);
        }
    }

    public static int limit(String value, int defaultLimit, int max) {
        if (value == null) {
            return defaultLimit;
        }
        String reason = "must be an integer from 1 to " + max;
        if (!value.matches("[0-9]{1,9}")) {
            throw new InvalidParameterException("limit", reason);
        }
        int limit = Integer.parseInt(value);
        if (limit < 1 || limit > max) {
            throw new InvalidParameterException("limit", reason);
        }
        return limit;
    }

    public static long nonNegative(String parameter, String value) {
        if (value == null) {
            return 0;
        }
        String reason = "must be an integer of 0 or more";
        if (!value.matches("[0-9]{1,18}")) {
            throw new InvalidParameterException(parameter, reason);
        }
        return Long.parseLong(value);
    }

    static MovementType movementType(String value) {
        if (value == null) {
            return null;
        }
        try {
            return MovementType.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("type", TYPE_REASON);
        }
    }

    /** {@code to} must not be before {@code from}. */
    static void ordered(Instant from, Instant to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidParameterException("to", "must not be before from");
        }
    }
}
