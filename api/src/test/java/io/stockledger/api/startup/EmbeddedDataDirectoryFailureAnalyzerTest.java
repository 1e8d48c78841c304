package io.stockledger.api.startup;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** A lock held by another process, as the embedded PostgreSQL words it (StartupFailureReportTest holds one itself). */
class EmbeddedDataDirectoryFailureAnalyzerTest {

    @Test
    void aLockHeldByAnotherProcessNamesTheDirectory() {
        Throwable failure = new BeanCreationException("embeddedPostgres", "Failed",
                new IllegalStateException("could not lock /srv/ledger/./data/postgres/epg-lock"));

        FailureAnalysis analysis = new EmbeddedDataDirectoryFailureAnalyzer(new MockEnvironment()).analyze(failure);

        assertThat(analysis.getDescription()).startsWith(
                "The embedded PostgreSQL's data directory /srv/ledger/data/postgres is in use");
    }

    @Test
    void otherIllegalStatesAreNotALock() {
        assertThat(new EmbeddedDataDirectoryFailureAnalyzer(new MockEnvironment())
                .analyze(new IllegalStateException("could not start"))).isNull();
    }
}
