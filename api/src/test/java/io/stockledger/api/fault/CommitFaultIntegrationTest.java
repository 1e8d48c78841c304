package io.stockledger.api.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.support.CommitFaults;
import io.stockledger.api.support.CommitFaultsConfiguration;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import java.util.List;
import java.util.UUID;

/**
 * Base of the tests that hold or break a reservation's commit ({@link CommitFaults}) on one SKU of their own, and
 * then look in the event store for what was written under an idempotency key.
 */
@Import(CommitFaultsConfiguration.class)
abstract class CommitFaultIntegrationTest extends ServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    protected CommitFaults faults;

    protected final UUID product = UUID.randomUUID();
    protected final UUID warehouse = UUID.randomUUID();

    /** The body of a reserve on this test's SKU, held for five minutes. */
    protected String reserveBody(int quantity, String key) throws Exception {
        return JSON.writeValueAsString(LedgerClient.reserveBody(product, warehouse, quantity, key, 300));
    }

    /** The ids of the reservations the event store holds under this idempotency key. */
    protected List<String> reservationsStoredFor(String key) {
        return jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'reservation_id' FROM domain_event_entry
                 WHERE payload_type LIKE '%ReservationRequested'
                   AND convert_from(payload, 'UTF8')::jsonb ->> 'idempotency_key' = ?""", String.class, key);
    }
}
