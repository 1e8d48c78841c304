package io.stockledger.api.startup;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credential case, which the trust-auth PostgreSQL of the test machine cannot produce: the driver's
 * SQLState 28P01 (password authentication failed) wrapped as Spring wraps it.
 */
class DatabaseFailureAnalyzerTest {

    @Test
    void refusedCredentialsNameTheUserAndTheVariablesToCheck() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.internal:6543/stockledger?password=x")
                .withProperty("spring.datasource.username", "ledger");
        Throwable failure = new BeanCreationException("flywayInitializer", "Failed",
                new SQLException("FATAL: password authentication failed for user \"ledger\"", "28P01"));

        FailureAnalysis analysis = new DatabaseFailureAnalyzer(environment).analyze(failure);

        assertThat(analysis.getDescription()).isEqualTo("PostgreSQL at db.internal:6543 refused user 'ledger': "
                + "password authentication failed for user \"ledger\"");
        assertThat(analysis.getAction()).startsWith("Check DATABASE_USERNAME and DATABASE_PASSWORD");
    }

    @Test
    void aFailureThatIsNotTheDatabasesIsLeftToOthers() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://localhost:5432/stockledger");

        assertThat(new DatabaseFailureAnalyzer(environment).analyze(new IllegalStateException("something else")))
                .isNull();
    }

    @Test
    void aPasswordInTheUrlIsNeverRepeated() {
        assertThat(DatabaseTarget.of("jdbc:postgresql://h:1/d?user=u&password=secret").url())
                .isEqualTo("jdbc:postgresql://h:1/d?user=u&password=***");
        assertThat(DatabaseTarget.of("postgres://u:secret@h:5432/d").url()).isEqualTo("postgres://u:***@h:5432/d");
        DatabaseTarget target = DatabaseTarget.of("jdbc:postgresql://h/d");
        assertThat(target.where()).isEqualTo("h:5432");
        assertThat(target.database()).isEqualTo("d");
    }
}
