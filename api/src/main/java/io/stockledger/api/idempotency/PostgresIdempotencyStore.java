package io.stockledger.api.idempotency;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The store in PostgreSQL: used when Redis is not configured, and for any request during which Redis fails. The
 * primary key makes the claim atomic; an in-flight claim older than its lease is taken over (its request died).
 */
public class PostgresIdempotencyStore implements IdempotencyStore {

    private final JdbcTemplate jdbc;

    public PostgresIdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StoredRequest> claim(String key, String fingerprint, Duration lease) {
        Instant now = Instant.now();
        jdbc.update("DELETE FROM http_idempotency WHERE idempotency_key = ? AND expires_at < ?", key,
                Timestamp.from(now));
        int claimed = jdbc.update("""
                        INSERT INTO http_idempotency (idempotency_key, fingerprint, state, expires_at)
                        VALUES (?, ?, 'IN_FLIGHT', ?) ON CONFLICT DO NOTHING""",
                key, fingerprint, Timestamp.from(now.plus(lease)));
        if (claimed == 1) {
            return Optional.empty();
        }
        List<StoredRequest> existing = jdbc.query("""
                        SELECT fingerprint, state, status, content_type, body
                          FROM http_idempotency WHERE idempotency_key = ?""",
                (row, n) -> new StoredRequest(row.getString(1).trim(), StoredRequest.State.valueOf(row.getString(2)),
                        row.getInt(3), row.getString(4), row.getBytes(5)), key);
        return existing.isEmpty() ? claim(key, fingerprint, lease) : Optional.of(existing.getFirst());
    }

    @Override
    public void complete(String key, StoredRequest response, Duration retention) {
        jdbc.update("""
                        INSERT INTO http_idempotency (idempotency_key, fingerprint, state, status, content_type, body,
                                                      expires_at)
                        VALUES (?, ?, 'COMPLETED', ?, ?, ?, ?)
                        ON CONFLICT (idempotency_key) DO UPDATE
                           SET state = 'COMPLETED', status = EXCLUDED.status, content_type = EXCLUDED.content_type,
                               body = EXCLUDED.body, expires_at = EXCLUDED.expires_at""",
                key, response.fingerprint(), response.status(), response.contentType(), response.body(),
                Timestamp.from(Instant.now().plus(retention)));
    }

    @Override
    public void release(String key, String fingerprint) {
        jdbc.update("DELETE FROM http_idempotency WHERE idempotency_key = ? AND fingerprint = ? AND state = 'IN_FLIGHT'",
                key, fingerprint);
    }

    /** Expired responses leave the table in the background; a claim also clears its own key when expired. */
    @Scheduled(fixedDelayString = "${ledger.idempotency.cleanup-interval:10m}")
    public void deleteExpired() {
        jdbc.update("DELETE FROM http_idempotency WHERE expires_at < now()");
    }
}
