package io.stockledger.query.relay;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RelaySettingsTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 5})
    void aStreamIsKeptOnOneToFiveServers(int replicas) {
        assertThat(withReplicas(replicas).replicas()).isEqualTo(replicas);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 6})
    void anyOtherNumberOfReplicasIsRefusedNamingTheSetting(int replicas) {
        assertThatIllegalArgumentException().isThrownBy(() -> withReplicas(replicas))
                .withMessage("NATS_STREAM_REPLICAS must be 1 to 5 (servers of the NATS cluster that keep the stream), "
                        + "was " + replicas);
    }

    private static RelaySettings withReplicas(int replicas) {
        return new RelaySettings("nats://localhost:4222", "INVENTORY", Duration.ofDays(7), Duration.ofMinutes(10),
                "urn:stock-ledger", Duration.ofSeconds(5), replicas);
    }
}
