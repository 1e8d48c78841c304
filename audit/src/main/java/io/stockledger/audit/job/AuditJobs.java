package io.stockledger.audit.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs audit jobs in the background and keeps their record in PostgreSQL ({@link AuditJobStore}): a request starts a
 * job and is answered at once (202), and anyone with the job id follows it on any instance.
 *
 * <p>A job runs on a thread of this instance, at most {@code ledger.audit.concurrent-jobs} (2) at a time: each holds a
 * database connection for as long as it reads, and those connections are the ledger's too. While it runs, the instance
 * refreshes its heartbeat every {@value #HEARTBEAT_SECONDS} seconds; a job whose heartbeat stops (its instance was
 * killed) shows as {@code ABANDONED}. An instance shutting down ends its running jobs as {@code FAILED}.
 */
@Component
public class AuditJobs implements DisposableBean {

    static final int HEARTBEAT_SECONDS = 5;

    private static final Logger log = LoggerFactory.getLogger(AuditJobs.class);
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AuditJobStore store;
    private final int concurrentJobs;
    private final Semaphore slots;
    private final ExecutorService workers;
    private final ScheduledExecutorService heartbeats;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final String instanceId = UUID.randomUUID().toString();

    AuditJobs(AuditJobStore store, @Value("${ledger.audit.concurrent-jobs:2}") int concurrentJobs) {
        this.store = store;
        this.concurrentJobs = concurrentJobs;
        this.slots = new Semaphore(concurrentJobs);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "audit-job-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-job-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeats.scheduleWithFixedDelay(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    /** A rebuild is already running (here or on another instance). */
    public static final class AlreadyRunning extends RuntimeException {

        private final UUID jobId;

        AlreadyRunning(UUID jobId) {
            super("the audit job " + jobId + " is already running");
            this.jobId = jobId;
        }

        public UUID jobId() {
            return jobId;
        }
    }

    /** This instance already runs as many jobs as it may: a moment's unavailability, not a refusal. */
    public static final class NoFreeSlot extends RuntimeException {

        NoFreeSlot(String message) {
            super(message);
        }
    }

    /**
     * Records the job and starts it. {@link NoFreeSlot} when this instance already runs as many as it may;
     * {@link AlreadyRunning} for a second rebuild.
     */
    public AuditJob start(AuditJobKind kind, UUID productId, UUID warehouseId, String requestedBy,
                              String traceId, String firstPhase, JobWork work) {
        if (kind == AuditJobKind.REBUILD) {
            Optional<UUID> rebuilding = store.runningRebuild();
            if (rebuilding.isPresent()) {
                throw new AlreadyRunning(rebuilding.get());
            }
        }
        if (!slots.tryAcquire()) {
            throw new NoFreeSlot("this instance already runs " + concurrentJobs
                    + " audit jobs; retry when one has finished");
        }
        UUID jobId = UUID.randomUUID();
        try {
            store.insert(jobId, kind, productId, warehouseId, requestedBy, traceId, instanceId, firstPhase);
            running.add(jobId);
            workers.execute(() -> run(jobId, work));
        } catch (DuplicateKeyException raced) {
            slots.release();
            throw new AlreadyRunning(store.runningRebuild().orElse(jobId));
        } catch (RuntimeException failed) {
            running.remove(jobId);
            slots.release();
            throw failed;
        }
        return store.find(jobId).orElseThrow();
    }

    public Optional<AuditJob> find(UUID jobId) {
        return store.find(jobId);
    }

    /** Findings from number {@code from} on, at most {@code limit}. */
    public FindingPage findings(UUID jobId, long from, int limit) {
        List<FindingPage.NumberedFinding> entries = store.findings(jobId, from, limit + 1);
        if (entries.size() <= limit) {
            return new FindingPage(jobId, entries, null);
        }
        List<FindingPage.NumberedFinding> page = entries.subList(0, limit);
        return new FindingPage(jobId, page, page.getLast().findingNo() + 1);
    }

    private void run(UUID jobId, JobWork work) {
        Reporter progress = new Reporter(jobId);
        try {
            work.run(progress);
            progress.flush();
            store.finish(jobId, AuditJobStatus.SUCCEEDED, null);
            log.info("audit job {} finished: {} events, {} ledgers", jobId, progress.eventsRead,
                    progress.ledgersChecked);
        } catch (Throwable failure) {
            log.warn("audit job {} failed", jobId, failure);
            try {
                progress.flush();
                store.finish(jobId, AuditJobStatus.FAILED, describe(failure));
            } catch (RuntimeException unrecorded) {
                log.error("audit job {} failed and its end could not be recorded", jobId, unrecorded);
            }
        } finally {
            running.remove(jobId);
            slots.release();
        }
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure ? message : message + " (caused by " + root + ")";
    }

    private void beat() {
        for (UUID jobId : running) {
            try {
                store.heartbeat(jobId);
            } catch (RuntimeException e) {
                log.warn("could not refresh the heartbeat of audit job {}: {}", jobId, e.toString());
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        heartbeats.shutdownNow();
        // the reason first: an interrupted job records its own failure, and the first end recorded is kept
        for (UUID jobId : running) {
            try {
                store.finish(jobId, AuditJobStatus.FAILED, "the instance shut down while the job ran");
            } catch (RuntimeException e) {
                log.warn("could not record the end of audit job {}: {}", jobId, e.toString());
            }
        }
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** {@link JobProgress} onto the job's row: counters at most once a second, the rest at once. */
    private final class Reporter implements JobProgress {

        private final UUID jobId;
        private long eventsRead;
        private long ledgersChecked;
        private Long position;
        private long lastWrite = System.nanoTime();
        private boolean unwritten;

        Reporter(UUID jobId) {
            this.jobId = jobId;
        }

        @Override
        public void total(long events) {
            store.total(jobId, events);
        }

        @Override
        public void phase(String phase) {
            flush();
            store.phase(jobId, phase);
        }

        @Override
        public void advanced(long events, long ledgers, Long at) {
            eventsRead = events;
            ledgersChecked = ledgers;
            position = at;
            unwritten = true;
            if (System.nanoTime() - lastWrite >= PROGRESS_EVERY_NANOS) {
                flush();
            }
        }

        @Override
        public void finding(AuditFinding finding) {
            store.finding(jobId, finding);
        }

        @Override
        public void tablesSwitched(String method, String reason) {
            store.tablesSwitched(jobId, method, reason);
        }

        @Override
        public void unchained(long events, long chainStartGlobalIndex) {
            store.unchained(jobId, events, chainStartGlobalIndex);
        }

        void flush() {
            if (unwritten) {
                store.advanced(jobId, eventsRead, ledgersChecked, position);
                unwritten = false;
            }
            lastWrite = System.nanoTime();
        }
    }
}
