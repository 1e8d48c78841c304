package io.stockledger.api.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * Base of the tests of two service instances on one database: the class's own service, and a second instance started
 * for each test on the same database, each with an aggregate cache of its own, as two replicas behind a balancer.
 */
public abstract class TwoInstanceIntegrationTest extends ServiceIntegrationTest {

    @Autowired
    private Environment environment;

    /** The second instance, for what a test reads from its context (its meters, its beans). */
    protected ServiceInstance secondInstance;

    /** Calls the second instance's /v1 with an admin token. */
    protected LedgerClient secondClient;

    @BeforeEach
    void startSecondInstance() {
        secondInstance = ServiceInstance.sharingDatabaseOf(environment);
        secondClient = secondInstance.client();
    }

    @AfterEach
    void stopSecondInstance() {
        secondInstance.close();
    }
}
