package io.stockledger.api.web.problem;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "the database is out of reach for now" (503) rather than a bug (500). */
class DatabaseTroubleTest {

    @Test
    void anExhaustedPoolOrAnUnreachableServerIsTrouble() {
        SQLTransientConnectionException poolTimeout = new SQLTransientConnectionException("pool - timed out");

        assertThat(DatabaseTrouble.causes(new CannotCreateTransactionException("no connection", poolTimeout)))
                .isTrue();
        assertThat(DatabaseTrouble.causes(new IllegalStateException("wrapped", poolTimeout))).isTrue();
    }

    @Test
    void aBrokenRuleOrABugIsNot() {
        assertThat(DatabaseTrouble.causes(new DataIntegrityViolationException("duplicate key"))).isFalse();
        assertThat(DatabaseTrouble.causes(new NullPointerException())).isFalse();
    }
}
