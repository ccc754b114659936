package org.openlearning.batch;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Runs a Spring Batch job that walks an upload from the JobRunr job of its record, so that a
 * retry resumes it: a completed execution is not run again, a failed one restarts after its last
 * committed chunk, and one left "running" is a dead worker's (one JobRunr job runs a record at a
 * time), so it is marked failed first and then restarted.
 */
public final class BatchRuns {

    private static final Logger log = LoggerFactory.getLogger(BatchRuns.class);

    private BatchRuns() {
    }

    /**
     * Runs, restarts or recovers the job's execution for these parameters until it has completed.
     *
     * @param what names the record in the log ("catalog import 12")
     * @throws IllegalStateException when the execution ends otherwise, with its first failure as the cause
     */
    public static void runToCompletion(JobOperator operator, JobRepository repository, Job job,
            JobParameters parameters, String what) throws Exception {
        JobExecution last = repository.getLastJobExecution(job.getName(), parameters);
        JobExecution execution;
        if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
            execution = last; // the batch finished but the record was not updated before a crash
        } else {
            if (last != null && last.isRunning()) {
                log.info("{}: recovering batch execution {} left by a dead worker", what, last.getId());
                operator.recover(last);
            }
            execution = operator.start(job, parameters);
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            List<Throwable> failures = execution.getAllFailureExceptions();
            throw new IllegalStateException("batch execution " + execution.getId() + " ended " + execution.getStatus()
                    + (failures.isEmpty() ? "" : ": " + failures.getFirst().getMessage()),
                    failures.isEmpty() ? null : failures.getFirst());
        }
    }
}
