package io.stockledger.audit.job;

/** The work of one audit job, run on a job thread; an exception ends the job as FAILED with its message. */
@FunctionalInterface
public interface JobWork {

    void run(JobProgress progress) throws Exception;
}
