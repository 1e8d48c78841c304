package io.stockledger.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code ledger.security.*}: how tokens are verified and which permissions each role grants.
 *
 * @param jwt   verification settings
 * @param roles role name to permissions, e.g. {@code order-system -> [inventory:reserve, ...]}
 */
@ConfigurationProperties("ledger.security")
public record SecuritySettings(Jwt jwt, Map<String, List<String>> roles) {

    /**
     * @param secret          HS256 shared secret ({@code JWT_SECRET}); its UTF-8 bytes are the key, at least 32
     * @param publicKey       RS256 public key, PEM ({@code JWT_PUBLIC_KEY}); when set, tokens must be RS256
     * @param issuer          required {@code iss}, if set
     * @param audience        required {@code aud}, if set
     * @param clockSkew       tolerance for {@code exp}, {@code nbf} and {@code iat}
     * @param maxTokenLifetime the longest lifetime a token may have ({@code JWT_MAX_TOKEN_LIFETIME})
     * @param localSecretFile where the embedded default keeps the secret it generated
     */
    public record Jwt(String secret, String publicKey, String issuer, String audience, Duration clockSkew,
                      Duration maxTokenLifetime, String localSecretFile) {

        public TokenPolicy policy() {
            return new TokenPolicy(issuer, audience, clockSkew, maxTokenLifetime);
        }
    }

    public Map<String, List<String>> rolesOrEmpty() {
        return roles == null ? Map.of() : roles;
    }
}
