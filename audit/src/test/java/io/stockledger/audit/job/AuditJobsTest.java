package io.stockledger.audit.job;

import io.stockledger.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The job runner on a real PostgreSQL: what a job's row says while it runs, when it ends, and when it is lost. */
class AuditJobsTest {

    private static final UUID PRODUCT = UUID.randomUUID();
    private static final UUID WAREHOUSE = UUID.randomUUID();

    private JdbcTemplate jdbc;
    private AuditJobs jobs;

    @BeforeEach
    void freshDatabase() {
        TestDatabase database = TestDatabase.createFresh().migratedFor("audit");
        jdbc = new JdbcTemplate(new DriverManagerDataSource(database.jdbcUrl(), database.username(),
                database.password()));
        jobs = new AuditJobs(new AuditJobStore(jdbc), 1);
    }

    @AfterEach
    void stop() throws InterruptedException {
        jobs.destroy();
    }

    private AuditJob awaitEnd(UUID jobId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs.find(jobId).orElseThrow().finishedAt() != null);
        return jobs.find(jobId).orElseThrow();
    }

    private static AuditFinding finding(String kind, long sequence) {
        return AuditFinding.about(PRODUCT + ":" + WAREHOUSE, kind, sequence, 100 + sequence, "on_hand", "5", "7",
                "differs");
    }

    @Test
    void aJobRecordsItsProgressAndFindingsInOrderAndSucceeds() {
        AuditJob started = jobs.start(AuditJobKind.RECONCILE, PRODUCT, WAREHOUSE, "auditor", "trace-1", "READING",
                progress -> {
                    progress.total(3);
                    progress.finding(finding("BALANCE_MISMATCH", 1));
                    progress.finding(finding("JOURNAL_BEHIND", 2));
                    progress.finding(finding("BALANCE_MISSING", 3));
                    progress.advanced(3, 1, null);
                });
        assertThat(started.status()).isEqualTo(AuditJobStatus.RUNNING);
        assertThat(started.requestedBy()).isEqualTo("auditor");

        AuditJob done = awaitEnd(started.jobId());
        assertThat(done.status()).isEqualTo(AuditJobStatus.SUCCEEDED);
        assertThat(done.phase()).isEqualTo("DONE");
        assertThat(done.eventsRead()).isEqualTo(3);
        assertThat(done.progress()).isEqualTo(1.0);
        assertThat(done.findings()).isEqualTo(3);

        FindingPage first = jobs.findings(started.jobId(), 1, 2);
        assertThat(first.findings()).extracting(FindingPage.NumberedFinding::findingNo).containsExactly(1L, 2L);
        assertThat(first.findings().getFirst().finding().productId()).isEqualTo(PRODUCT);
        assertThat(first.nextFromFinding()).isEqualTo(3L);
        FindingPage last = jobs.findings(started.jobId(), 3, 2);
        assertThat(last.findings()).singleElement()
                .satisfies(numbered -> assertThat(numbered.finding().kind()).isEqualTo("BALANCE_MISSING"));
        assertThat(last.nextFromFinding()).isNull();
    }

    @Test
    void aJobThatThrowsEndsFailedWithItsCause() {
        AuditJob started = jobs.start(AuditJobKind.VERIFY, null, null, "auditor", "trace-2", "READING",
                progress -> {
                    throw new java.sql.SQLException("the store went away");
                });
        AuditJob failed = awaitEnd(started.jobId());
        assertThat(failed.status()).isEqualTo(AuditJobStatus.FAILED);
        assertThat(failed.error()).contains("SQLException").contains("the store went away");
    }

    @Test
    void anInstanceRunsNoMoreJobsThanItHasSlotsFor() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AuditJob busy = jobs.start(AuditJobKind.VERIFY, null, null, "auditor", "trace-3", "READING",
                progress -> release.await(10, TimeUnit.SECONDS));

        assertThatThrownBy(() -> jobs.start(AuditJobKind.VERIFY, null, null, "auditor", "trace-4", "READING",
                progress -> { }))
                .isInstanceOf(AuditJobs.NoFreeSlot.class).hasMessageContaining("already runs 1 audit jobs");

        release.countDown();
        awaitEnd(busy.jobId());
        AuditJob next = jobs.start(AuditJobKind.VERIFY, null, null, "auditor", "trace-5", "READING",
                progress -> { });
        assertThat(awaitEnd(next.jobId()).status()).isEqualTo(AuditJobStatus.SUCCEEDED);
    }

    @Test
    void aSecondRebuildIsRefusedWhileOneRunsAndAllowedOnceItsInstanceIsGone() throws Exception {
        AuditJobs otherInstance = new AuditJobs(new AuditJobStore(jdbc), 1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            AuditJob rebuilding = otherInstance.start(AuditJobKind.REBUILD, null, null, "admin", "trace-6",
                    "PREPARING", progress -> release.await(10, TimeUnit.SECONDS));

            assertThatThrownBy(() -> jobs.start(AuditJobKind.REBUILD, null, null, "admin", "trace-7", "PREPARING",
                    progress -> { }))
                    .isInstanceOfSatisfying(AuditJobs.AlreadyRunning.class,
                            running -> assertThat(running.jobId()).isEqualTo(rebuilding.jobId()));

            // its instance stops refreshing the heartbeat (as if killed)
            jdbc.update("UPDATE audit_job SET heartbeat_at = now() - interval '2 minutes' WHERE job_id = ?",
                    rebuilding.jobId());
            assertThat(jobs.find(rebuilding.jobId()).orElseThrow().status()).isEqualTo(AuditJobStatus.ABANDONED);
            AuditJob again = jobs.start(AuditJobKind.REBUILD, null, null, "admin", "trace-8", "PREPARING",
                    progress -> { });
            assertThat(awaitEnd(again.jobId()).status()).isEqualTo(AuditJobStatus.SUCCEEDED);
        } finally {
            release.countDown();
            otherInstance.destroy();
        }
    }

    @Test
    void anInstanceShuttingDownEndsItsRunningJobsAsFailed() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AuditJob running = jobs.start(AuditJobKind.RECONCILE, null, WAREHOUSE, "auditor", "trace-9", "READING",
                progress -> never.await(10, TimeUnit.SECONDS));

        jobs.destroy();

        AuditJob ended = jobs.find(running.jobId()).orElseThrow();
        assertThat(ended.status()).isEqualTo(AuditJobStatus.FAILED);
        assertThat(ended.error()).isEqualTo("the instance shut down while the job ran");
    }
}
