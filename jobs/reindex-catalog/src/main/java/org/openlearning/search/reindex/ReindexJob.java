package org.openlearning.search.reindex;

import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.search.CourseDocuments;
import org.openlearning.search.CourseIndex;
import org.openlearning.search.SearchReindexDao;
import org.openlearning.search.SearchReindexDao.Reindex;
import org.openlearning.search.SearchReindexHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * JobRunr handler of a full rebuild: re-reads the record, then runs (or restarts) the Spring Batch
 * job for it. Safe to run twice: a finished rebuild returns at once, an interrupted one resumes
 * after its last committed chunk (a worker killed mid-rebuild leaves a "running" execution that is
 * recovered first). Each Spring Batch execution counts as an attempt; after
 * {@code platform.search.reindex.max-attempts} the rebuild is marked FAILED with the last error and
 * its half-built index is deleted, while searches keep using the index the alias points at.
 */
@Component
@EnableConfigurationProperties(ReindexSettings.class)
class ReindexJob implements SearchReindexHandler {

    private static final Logger log = LoggerFactory.getLogger(ReindexJob.class);

    private final SearchReindexDao reindexes;
    private final CourseIndex index;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job searchReindex;
    private final ReindexSettings settings;
    private final Jdbi jdbi;

    ReindexJob(SearchReindexDao reindexes, CourseIndex index, JobOperator jobOperator, JobRepository jobRepository,
            ReindexBatchJob.SearchReindexBatch searchReindex, ReindexSettings settings, Jdbi jdbi) {
        this.reindexes = reindexes;
        this.index = index;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.searchReindex = searchReindex.job();
        this.settings = settings;
        this.jdbi = jdbi;
    }

    @Override
    public void reindex(long id) throws Exception {
        Reindex row = reindexes.findById(id).orElse(null);
        if (row == null || row.finished()) {
            log.info("search rebuild {} is {}: nothing to do", id, row == null ? "gone" : row.status());
            return;
        }
        JobParameters parameters = new JobParametersBuilder().addLong("reindexId", id).toJobParameters();
        int attempt = attemptsSoFar(parameters) + 1;
        try {
            jdbi.useHandle(CourseDocuments::analyze);
            JobExecution execution = runBatch(id, parameters);
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                List<Throwable> failures = execution.getAllFailureExceptions();
                throw new IllegalStateException("batch execution " + execution.getId() + " ended "
                        + execution.getStatus() + (failures.isEmpty() ? "" : ": " + reason(failures.getFirst())),
                        failures.isEmpty() ? null : failures.getFirst());
            }
            reindexes.succeed(id); // no-op unless a crash came between the swap and the status update
            log.info("search rebuild {} succeeded", id);
        } catch (Exception e) {
            if (attempt >= settings.maxAttempts()) {
                giveUp(id, "gave up after " + attempt + " attempts: " + reason(e));
                return;
            }
            throw e; // JobRunr retries with backoff; the next attempt resumes where this one stopped
        }
    }

    private JobExecution runBatch(long id, JobParameters parameters) throws Exception {
        JobExecution last = jobRepository.getLastJobExecution(ReindexBatchJob.JOB_NAME, parameters);
        if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
            return last; // the batch finished but the record was not updated before a crash
        }
        if (last != null && last.isRunning()) {
            // JobRunr runs one job per rebuild at a time, so a "running" execution is one whose
            // worker died: mark it failed so that Spring Batch restarts it from its last chunk.
            log.info("search rebuild {}: recovering batch execution {} left by a dead worker", id, last.getId());
            jobOperator.recover(last);
        }
        return jobOperator.start(searchReindex, parameters);
    }

    private int attemptsSoFar(JobParameters parameters) {
        JobInstance instance = jobRepository.getJobInstance(ReindexBatchJob.JOB_NAME, parameters);
        return instance == null ? 0 : jobRepository.getJobExecutions(instance).size();
    }

    /** FAILED with a reason, and the half-built index dropped (unless the alias already uses it). */
    private void giveUp(long id, String reason) {
        log.warn("search rebuild {} failed: {}", id, reason);
        reindexes.fail(id, reason.length() > 2000 ? reason.substring(0, 2000) : reason);
        String name = ReindexBatchJob.indexName(index, id);
        try {
            if (!index.aliasedIndices().contains(name)) {
                index.deleteIndex(name);
            }
        } catch (RuntimeException e) {
            log.warn("search rebuild {}: could not delete the half-built index {}: {}", id, name, e.toString());
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getMessage() + ")";
        }
        return message;
    }
}
