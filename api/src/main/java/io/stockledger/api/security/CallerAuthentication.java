package io.stockledger.api.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A request's authentication once its bearer token verified: the {@link Caller} as principal, its subject as name, and
 * its permissions as the granted authorities, spelt as the contract spells them ({@code inventory:read}, ...), so the
 * request rules and {@code hasAuthority} read them as they are. The token itself is not kept.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    CallerAuthentication(Caller caller) {
        super(AuthorityUtils.createAuthorityList(caller.permissions()));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return caller.subject();
    }
}
