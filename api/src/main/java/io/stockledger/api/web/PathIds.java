package io.stockledger.api.web;

import java.util.UUID;

/** Parses ids in URL paths, reporting a malformed one as a validation error on that parameter. */
public final class PathIds {

    private PathIds() {
    }

    public static UUID uuid(String parameter, String value) {
        if (value == null || !value.matches(Uuids.PATTERN)) {
            throw new InvalidParameterException(parameter, Uuids.MESSAGE);
        }
        return UUID.fromString(value);
    }
}
