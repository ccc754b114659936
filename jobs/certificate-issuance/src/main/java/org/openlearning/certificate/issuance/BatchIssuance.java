package org.openlearning.certificate.issuance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.openlearning.batch.BatchRuns;
import org.openlearning.certificate.CertificateBatchDao;
import org.openlearning.certificate.CertificateBatchDao.BatchRow;
import org.openlearning.certificate.CertificateBatchPartRequest;
import org.openlearning.certificate.CertificateDao;
import org.openlearning.csv.CsvFiles;
import org.openlearning.csv.CsvFiles.InvalidCsvFile;
import org.openlearning.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * A registrar's batch: the JobRunr job re-reads the record, fetches the CSV, runs (or restarts) the
 * Spring Batch job that validates the rows and records pending certificates, then enqueues one
 * render job per part of {@code part-size} lines, which any worker takes. The last part to finish
 * marks the batch SUCCEEDED. Every step is safe to repeat.
 */
@Component
class BatchIssuance {

    private static final Logger log = LoggerFactory.getLogger(BatchIssuance.class);

    private final CertificateBatchDao batches;
    private final CertificateDao certificates;
    private final CertificateIssuer issuer;
    private final ObjectStore store;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job certificateBatch;
    private final JobRequestScheduler scheduler;
    private final Jdbi jdbi;
    private final CertificateSettings settings;

    BatchIssuance(CertificateBatchDao batches, CertificateDao certificates, CertificateIssuer issuer, ObjectStore store,
            JobOperator jobOperator, JobRepository jobRepository, CertificateBatchJob.CertificateBatch certificateBatch,
            JobRequestScheduler scheduler,
            Jdbi jdbi, CertificateSettings settings) {
        this.batches = batches;
        this.certificates = certificates;
        this.issuer = issuer;
        this.store = store;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.certificateBatch = certificateBatch.job();
        this.scheduler = scheduler;
        this.jdbi = jdbi;
        this.settings = settings;
    }

    void run(long id) throws Exception {
        BatchRow row = batches.findById(id).orElse(null);
        if (row == null || row.finished()) {
            log.info("certificate batch {} is {}: nothing to do", id, row == null ? "gone" : row.status());
            return;
        }
        int attempt = batches.markRunning(id).orElseThrow();
        try {
            validateAndRecord(row);
        } catch (InvalidCsvFile e) {
            batches.fail(id, e.getMessage());
            return;
        } catch (Exception e) {
            if (attempt >= settings.maxAttempts()) {
                batches.fail(id, "gave up after " + attempt + " attempts: " + e.getMessage());
                return;
            }
            throw e; // JobRunr retries; the next attempt resumes after the last committed chunk
        }
        int parts = batches.setParts(id, parts(id), settings.partSize());
        for (int part = 0; part < parts; part++) {
            CertificateBatchPartRequest request = new CertificateBatchPartRequest(id, part);
            scheduler.enqueue(request.jobId(), request);
        }
        if (batches.succeedIfDone(id)) {
            log.info("certificate batch {} succeeded", id);
        }
    }

    /**
     * Issues what is pending in one part. A failure is thrown for JobRunr to retry the part, except
     * on its {@code lastAttempt}: then the batch is marked FAILED with what happened (the
     * certificates issued so far stand; uploading the same lines again issues the rest, the issued
     * ones being reported as duplicates), instead of staying RUNNING for ever.
     */
    void renderPart(long batchId, int part, boolean lastAttempt) throws Exception {
        BatchRow row = batches.findById(batchId).orElse(null);
        if (row == null || "FAILED".equals(row.status()) || row.partSize() == null) {
            return;
        }
        int partSize = row.partSize(); // as fixed for the batch, not this worker's setting
        int from = 2 + part * partSize; // line 1 is the header
        List<CertificateDao.CertificateRow> pending = certificates.pendingInBatch(batchId, from, from + partSize);
        try {
            issuer.issue(pending);
        } catch (IllegalStateException e) {
            batches.fail(batchId, e.getMessage()); // no font or no key: retries cannot help
            return;
        } catch (Exception e) {
            if (!lastAttempt) {
                throw e;
            }
            int left = certificates.pendingInBatch(batchId, from, from + partSize).size();
            log.warn("certificate batch {} part {}: giving up with {} certificates pending", batchId, part, left, e);
            batches.fail(batchId, left + " certificates of lines " + from + " to " + (from + partSize - 1)
                    + " could not be issued, after every retry: " + e.getMessage());
            return;
        }
        if (batches.succeedIfDone(batchId)) {
            log.info("certificate batch {} succeeded", batchId);
        }
    }

    private int parts(long batchId) {
        Integer maxLine = jdbi.withHandle(h -> h.createQuery(
                "SELECT max(batch_line) FROM certificates WHERE batch_id = :id").bind("id", batchId)
                .mapTo(Integer.class).one());
        return maxLine == null ? 0 : (maxLine - 2) / settings.partSize() + 1;
    }

    private void validateAndRecord(BatchRow row) throws Exception {
        long id = row.id();
        Files.createDirectories(settings.workDir());
        Path file = settings.workDir().resolve("certificate-batch-" + id + ".csv");
        if (!Files.exists(file) || Files.size(file) != row.sizeBytes()) {
            store.download(row.objectKey(), file);
        }
        if (row.rowsTotal() == null) {
            batches.setTotal(id, CsvFiles.checkHeaderAndCount(file, BatchCsv.COLUMNS, BatchCsv::problemWith));
        }
        JobParameters parameters = new JobParametersBuilder()
                .addLong("batchId", id)
                .addString("file", file.toString(), false)
                .toJobParameters();
        BatchRuns.runToCompletion(jobOperator, jobRepository, certificateBatch, parameters, "certificate batch " + id);
        Files.deleteIfExists(file);
    }
}
