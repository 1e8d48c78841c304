package io.stockledger.api.support;

import io.stockledger.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole service on a random port, against a fresh database of its own on a real
 * PostgreSQL server, driven over HTTP. The context is closed after each test class, so no class sees another's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class ServiceIntegrationTest {

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Autowired
    protected JdbcTemplate jdbc;

    /** Calls /v1 with an admin token. */
    protected LedgerClient client;

    /** Calls the management port (actuator), without a token. */
    protected LedgerClient management;

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) {
        TestDatabase database = TestDatabase.createFresh();
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("ledger.security.jwt.secret", () -> TestTokens.SECRET);
    }

    @BeforeEach
    void connectClient() {
        client = new LedgerClient("http://127.0.0.1:" + port);
        management = new LedgerClient("http://127.0.0.1:" + managementPort, null);
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
