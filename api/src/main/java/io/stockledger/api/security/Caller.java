package io.stockledger.api.security;

import java.util.Set;

/** Who is calling, from a verified token: the subject, recorded as the actor of every event, and what it may do. */
public record Caller(String subject, Set<String> permissions) {

    public boolean may(String permission) {
        return permissions.contains(permission);
    }
}
