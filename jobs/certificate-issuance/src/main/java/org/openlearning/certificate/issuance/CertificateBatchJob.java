package org.openlearning.certificate.issuance;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.certificate.CertificateBatchDao;
import org.openlearning.csv.CsvFiles;
import org.openlearning.csv.CsvRow;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The Spring Batch job that walks a registrar's CSV in chunks: read and check each record, then
 * validate the chunk against the database and record its pending certificates and its errors in
 * one transaction. Restartable: the reader's position is saved with every committed chunk.
 */
@Configuration(proxyBeanMethods = false)
class CertificateBatchJob {

    static final String JOB_NAME = "certificateBatch";

    /**
     * The job, wrapped: a second bean of type {@code Job} in the worker would make other modules'
     * injection of their single {@code Job} ambiguous.
     */
    record CertificateBatch(Job job) {
    }

    @Bean
    CertificateBatch certificateBatch(JobRepository repository, Step certificateBatchStep) {
        return new CertificateBatch(new JobBuilder(JOB_NAME, repository).start(certificateBatchStep).build());
    }

    @Bean
    Step certificateBatchStep(JobRepository repository, PlatformTransactionManager transactionManager,
            FlatFileItemReader<CsvRow> certificateCsvReader, BatchCertificateWriter batchCertificateWriter,
            CertificateSettings settings) {
        return new StepBuilder("certificateBatchStep", repository)
                .<CsvRow, BatchRow>chunk(settings.chunkSize())
                .transactionManager(transactionManager)
                .reader(certificateCsvReader)
                .processor(new BatchCsv())
                .writer(batchCertificateWriter)
                .build();
    }

    @Bean
    @StepScope
    FlatFileItemReader<CsvRow> certificateCsvReader(@Value("#{jobParameters['file']}") String file) {
        return CsvFiles.reader("certificateCsvReader", file, BatchCsv.COLUMNS);
    }

    @Bean
    @StepScope
    BatchCertificateWriter batchCertificateWriter(Jdbi jdbi, CertificateBatchDao batches,
            @Value("#{jobParameters['batchId']}") Long batchId) {
        return new BatchCertificateWriter(jdbi, batches, batchId);
    }
}
