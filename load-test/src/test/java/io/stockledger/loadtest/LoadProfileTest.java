package io.stockledger.loadtest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LoadProfileTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes-0123";

    @Test
    void theDefaultIsTheSeedsBlackFridayRampWithAMinuteHeldAtThePeak() {
        LoadProfile profile = profile(Map.of());

        assertThat(profile.name()).isEqualTo("blackfriday");
        assertThat(profile.stages()).extracting(Stage::label)
                .containsExactly("1: 0→50 rps", "2: 50→200 rps", "3: 200→500 rps", "4: 500→1000 rps",
                        "5: 1000 rps", "6: 1000→0 rps");
        assertThat(profile.duration()).isEqualTo(Duration.ofSeconds(30 + 60 + 120 + 180 + 60 + 30));
        // 750 + 7,500 + 42,000 + 135,000 + 60,000 + 15,000
        assertThat(profile.plannedRequests()).isCloseTo(260_250, within(0.5));
        assertThat(profile.p99Millis()).isEqualTo(50);
        assertThat(profile.reserveP99Millis()).isEqualTo(120);
        assertThat(profile.p95Millis()).isEqualTo(200);
        assertThat(profile.maxErrorPercent()).isEqualTo(1.0);
    }

    @Test
    void theSmokeProfileIsShortAndAssertsNoLatency() {
        LoadProfile profile = profile(Map.of("loadtest.profile", "smoke"));

        assertThat(profile.duration()).isLessThanOrEqualTo(Duration.ofSeconds(15));
        assertThat(profile.p99Millis()).isZero();
        assertThat(profile.describe()).contains("no latency assertions");
    }

    @Test
    void everySettingIsASystemPropertyThatOutranksTheProfile() {
        LoadProfile profile = profile(Map.of("loadtest.profile", "smoke", "loadtest.skus", "123",
                "loadtest.stages", "10:5s:1m", "loadtest.baseUrl", "http://localhost:9999/",
                "loadtest.p99Millis", "75"));

        assertThat(profile.skus()).isEqualTo(123);
        assertThat(profile.stages()).containsExactly(
                new Stage(1, 0, 10, Duration.ofSeconds(5)), new Stage(2, 10, 10, Duration.ofMinutes(1)));
        assertThat(profile.baseUrl()).isEqualTo("http://localhost:9999");
        assertThat(profile.p99Millis()).isEqualTo(75);
    }

    @Test
    void theSecretComesFromThePropertyOrElseTheServicesEnvironmentVariable() {
        assertThat(LoadProfile.from(Map.of("loadtest.jwtSecret", SECRET)::get, variable -> null).jwtSecret())
                .isEqualTo(SECRET);
        assertThat(LoadProfile.from(Map.<String, String>of()::get, Map.of("JWT_SECRET", SECRET)::get).jwtSecret())
                .isEqualTo(SECRET);
        assertThatThrownBy(() -> LoadProfile.from(Map.of("loadtest.jwtSecretFile", "/nonexistent")::get,
                variable -> null)).hasMessageContaining("no JWT secret");
    }

    @Test
    void aVisitBelongsToTheStageItStartedIn() {
        LoadProfile profile = profile(Map.of());

        assertThat(profile.stageAt(Duration.ZERO).number()).isEqualTo(1);
        assertThat(profile.stageAt(Duration.ofSeconds(30)).number()).isEqualTo(2);
        assertThat(profile.stageAt(Duration.ofSeconds(389)).number()).isEqualTo(4);
        assertThat(profile.stageAt(Duration.ofSeconds(390)).number()).isEqualTo(5);
        assertThat(profile.stageAt(Duration.ofHours(1)).number()).isEqualTo(6);
    }

    @Test
    void stagesAndDurationsAreParsedStrictly() {
        assertThat(Stage.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Stage.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Stage.duration("45")).isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> Stage.parseAll("50")).hasMessageContaining("target:ramp[:hold]");
        assertThatThrownBy(() -> Stage.parseAll("50:0s")).hasMessageContaining("must last some time");
        assertThatThrownBy(() -> profile(Map.of("loadtest.profile", "cyber-monday")))
                .hasMessageContaining("blackfriday or smoke");
    }

    @Test
    void theMixTurnsRequestsPerSecondIntoVisitsPerSecond() {
        CheckoutMix mix = CheckoutMix.parse("read=30,confirm=50,release=15,expire=5");

        // reads and walk-aways send one request, checkouts and abandoned carts two
        assertThat(mix.requestsPerVisit()).isCloseTo(1.65, within(1e-9));
        assertThat(CheckoutMix.parse("read=1").requestsPerVisit()).isEqualTo(1.0);

        Random random = new Random(7);
        Map<VisitKind, Integer> drawn = new java.util.EnumMap<>(VisitKind.class);
        for (int i = 0; i < 100_000; i++) {
            drawn.merge(mix.pick(random), 1, Integer::sum);
        }
        assertThat(drawn.get(VisitKind.CONFIRM) / 100_000.0).isCloseTo(0.50, within(0.01));
        assertThat(drawn.get(VisitKind.EXPIRE) / 100_000.0).isCloseTo(0.05, within(0.01));
        assertThatThrownBy(() -> CheckoutMix.parse("browse=10")).isInstanceOf(IllegalArgumentException.class);
    }

    private static LoadProfile profile(Map<String, String> settings) {
        Map<String, String> withSecret = new java.util.HashMap<>(settings);
        withSecret.putIfAbsent("loadtest.jwtSecret", SECRET);
        return LoadProfile.from(withSecret::get, variable -> null);
    }
}
