package io.stockledger.api.idempotency;

import io.stockledger.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Both stores, against the real Redis and PostgreSQL, behave the same. */
class IdempotencyStoreTest {

    private static RedisConnection redis;
    private static PostgresIdempotencyStore postgres;

    @BeforeAll
    static void openStores() {
        TestDatabase database = TestDatabase.createFresh().migratedFor("api");
        postgres = new PostgresIdempotencyStore(new JdbcTemplate(new DriverManagerDataSource(database.jdbcUrl(),
                database.username(), database.password())));
        redis = new RedisConnection("redis://127.0.0.1:6379", Duration.ofSeconds(1));
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    static Stream<IdempotencyStore> stores() {
        return Stream.of(new RedisIdempotencyStore(redis), postgres);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aKeyIsClaimedOnceThenShowsInFlightThenItsResponse(IdempotencyStore store) {
        String key = "key-" + UUID.randomUUID();

        assertThat(store.claim(key, "fp-1", Duration.ofMinutes(1))).isEmpty();
        assertThat(store.claim(key, "fp-1", Duration.ofMinutes(1))).get()
                .extracting(StoredRequest::state).isEqualTo(StoredRequest.State.IN_FLIGHT);

        store.complete(key, StoredRequest.completed("fp-1", 201, "application/json",
                "{\"ok\":true}".getBytes(StandardCharsets.UTF_8)), Duration.ofMinutes(1));
        Optional<StoredRequest> stored = store.claim(key, "fp-2", Duration.ofMinutes(1));

        assertThat(stored).get().satisfies(response -> {
            assertThat(response.state()).isEqualTo(StoredRequest.State.COMPLETED);
            assertThat(response.fingerprint()).isEqualTo("fp-1");
            assertThat(response.status()).isEqualTo(201);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        });
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aReleasedClaimCanBeClaimedAgain(IdempotencyStore store) {
        String key = "key-" + UUID.randomUUID();
        store.claim(key, "fp", Duration.ofMinutes(1));

        store.release(key, "fp");

        assertThat(store.claim(key, "fp", Duration.ofMinutes(1))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void anAbandonedClaimIsTakenOverAfterItsLease(IdempotencyStore store) throws InterruptedException {
        String key = "key-" + UUID.randomUUID();
        store.claim(key, "fp", Duration.ofMillis(50));

        Thread.sleep(200);

        assertThat(store.claim(key, "fp", Duration.ofMinutes(1))).isEmpty();
    }
}
