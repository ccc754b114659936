package org.openlearning.catalogimport.job;

import java.nio.file.Files;
import java.nio.file.Path;

import org.openlearning.batch.BatchRuns;
import org.openlearning.catalogimport.CatalogImportDao;
import org.openlearning.catalogimport.CatalogImportDao.ImportRow;
import org.openlearning.catalogimport.CatalogImportHandler;
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
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * JobRunr handler of a catalog import: re-reads the record, fetches the CSV from the object store,
 * and runs (or restarts) the Spring Batch job for it. Safe to run twice: a finished import returns
 * at once, an interrupted one resumes after its last committed chunk.
 */
@Component
@EnableConfigurationProperties(CatalogImportSettings.class)
class CatalogImportJob implements CatalogImportHandler {

    private static final Logger log = LoggerFactory.getLogger(CatalogImportJob.class);

    private final CatalogImportDao imports;
    private final ObjectStore objectStore;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job catalogImportJob;
    private final CatalogImportSettings settings;

    CatalogImportJob(CatalogImportDao imports, ObjectStore objectStore, JobOperator jobOperator,
            JobRepository jobRepository, Job catalogImportJob, CatalogImportSettings settings) {
        this.imports = imports;
        this.objectStore = objectStore;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.catalogImportJob = catalogImportJob;
        this.settings = settings;
    }

    @Override
    public void importCatalog(long id) throws Exception {
        ImportRow row = imports.findById(id).orElse(null);
        if (row == null || row.finished()) {
            log.info("catalog import {} is {}: nothing to do", id, row == null ? "gone" : row.status());
            return;
        }
        int attempt = imports.markRunning(id).orElseThrow();
        try {
            runBatch(row);
        } catch (InvalidCsvFile e) {
            imports.fail(id, e.getMessage());
        } catch (Exception e) {
            if (attempt >= settings.maxAttempts()) {
                imports.fail(id, "gave up after " + attempt + " attempts: " + e.getMessage());
                return;
            }
            throw e; // JobRunr retries with backoff; the next attempt resumes where this one stopped
        }
    }

    private void runBatch(ImportRow row) throws Exception {
        long id = row.id();
        Path file = settings.workDir().resolve("catalog-import-" + id + ".csv");
        if (!Files.exists(file) || Files.size(file) != row.sizeBytes()) {
            objectStore.download(row.objectKey(), file);
        }
        if (row.rowsTotal() == null) {
            imports.setTotal(id, CsvFiles.checkHeaderAndCount(file, CatalogColumns.COLUMNS, CatalogColumns::problemWith));
        }
        JobParameters parameters = new JobParametersBuilder()
                .addLong("importId", id)
                .addString("file", file.toString(), false)
                .toJobParameters();
        BatchRuns.runToCompletion(jobOperator, jobRepository, catalogImportJob, parameters, "catalog import " + id);
        imports.succeed(id);
        Files.deleteIfExists(file);
        log.info("catalog import {} succeeded", id);
    }
}
