package org.openlearning.catalogimport.job;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.catalogimport.CatalogImportDao;
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
 * The Spring Batch job that walks a catalog CSV in chunks: read a record, validate it, write the
 * chunk's courses and rejections in one transaction. Restartable: the reader's position is saved
 * with every committed chunk.
 */
@Configuration(proxyBeanMethods = false)
class CatalogImportBatchJob {

    static final String JOB_NAME = "catalogImport";

    @Bean
    Job catalogImport(JobRepository repository, Step catalogImportStep) {
        return new JobBuilder(JOB_NAME, repository).start(catalogImportStep).build();
    }

    @Bean
    Step catalogImportStep(JobRepository repository, PlatformTransactionManager transactionManager,
            FlatFileItemReader<CsvRow> catalogCsvReader, CourseImportWriter courseImportWriter,
            CatalogImportSettings settings) {
        return new StepBuilder("catalogImportStep", repository)
                .<CsvRow, ImportItem>chunk(settings.chunkSize())
                .transactionManager(transactionManager)
                .reader(catalogCsvReader)
                .processor(new CatalogRowValidator())
                .writer(courseImportWriter)
                .build();
    }

    @Bean
    @StepScope
    FlatFileItemReader<CsvRow> catalogCsvReader(@Value("#{jobParameters['file']}") String file) {
        return CsvFiles.reader("catalogCsvReader", file, CatalogColumns.COLUMNS);
    }

    @Bean
    @StepScope
    CourseImportWriter courseImportWriter(Jdbi jdbi, CatalogImportDao imports, CatalogImportSettings settings,
            @Value("#{jobParameters['importId']}") Long importId) {
        return new CourseImportWriter(jdbi, imports, importId, settings);
    }
}
