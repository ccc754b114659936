package org.openlearning.search.reindex;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.search.CourseDocuments;
import org.openlearning.search.CourseIndex;
import org.openlearning.search.SearchReindexDao;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The Spring Batch job of a full rebuild, in three steps: create the new index
 * ({@code <alias>-r<id>}, refreshes off) and mark the rebuild RUNNING; walk the published courses
 * by id in chunks into it; then turn refreshes on, swap the alias onto it in one atomic request
 * (searches never see a missing or half-built index), drop the old index and mark the rebuild
 * SUCCEEDED. Restartable: a completed step is not repeated and the chunk step resumes after its
 * last committed chunk.
 */
@Configuration(proxyBeanMethods = false)
class ReindexBatchJob {

    static final String JOB_NAME = "searchReindex";

    static String indexName(CourseIndex index, long reindexId) {
        return index.alias() + "-r" + reindexId;
    }

    /**
     * The rebuild's job, held in a bean of its own type rather than as a {@link Job} bean: the worker
     * hosts every job module, and another module's injection of its own {@code Job} by type must stay
     * unambiguous. {@code JobOperator.start(job, parameters)} needs no registry.
     */
    record SearchReindexBatch(Job job) {
    }

    @Bean
    SearchReindexBatch searchReindexBatch(JobRepository repository, Step reindexCreateStep, Step reindexCopyStep,
            Step reindexSwapStep) {
        return new SearchReindexBatch(new JobBuilder(JOB_NAME, repository)
                .start(reindexCreateStep)
                .next(reindexCopyStep)
                .next(reindexSwapStep)
                .build());
    }

    @Bean
    Step reindexCreateStep(JobRepository repository, PlatformTransactionManager transactionManager,
            CourseIndex index, SearchReindexDao reindexes, Jdbi jdbi) {
        return new StepBuilder("reindexCreateStep", repository)
                .tasklet((contribution, chunk) -> {
                    long id = chunk.getStepContext().getStepExecution().getJobParameters().getLong("reindexId");
                    String name = indexName(index, id);
                    index.create(name, true);
                    long total = jdbi.withHandle(CourseDocuments::countPublished);
                    if (reindexes.markRunning(id, name, total) == 0) {
                        throw new IllegalStateException("search rebuild " + id + " is no longer waiting or running");
                    }
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    Step reindexCopyStep(JobRepository repository, PlatformTransactionManager transactionManager,
            PublishedCourseReader publishedCourseReader, CourseIndexWriter courseIndexWriter,
            ReindexSettings settings) {
        return new StepBuilder("reindexCopyStep", repository)
                .<CourseDocuments.Versioned, CourseDocuments.Versioned>chunk(settings.chunkSize())
                .transactionManager(transactionManager)
                .reader(publishedCourseReader)
                .writer(courseIndexWriter)
                .build();
    }

    @Bean
    Step reindexSwapStep(JobRepository repository, PlatformTransactionManager transactionManager,
            CourseIndex index, SearchReindexDao reindexes, OutboxDrain drain) {
        return new StepBuilder("reindexSwapStep", repository)
                .tasklet((contribution, chunk) -> {
                    long id = chunk.getStepContext().getStepExecution().getJobParameters().getLong("reindexId");
                    String name = indexName(index, id);
                    index.finishBulk(name);
                    index.swapAlias(name);
                    drain.bumpCacheGeneration();
                    reindexes.succeed(id);
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    PublishedCourseReader publishedCourseReader(Jdbi jdbi, ReindexSettings settings) {
        return new PublishedCourseReader(jdbi, settings.chunkSize());
    }

    @Bean
    @StepScope
    CourseIndexWriter courseIndexWriter(CourseIndex index, SearchReindexDao reindexes, ReindexSettings settings,
            @Value("#{jobParameters['reindexId']}") Long reindexId) {
        return new CourseIndexWriter(index, reindexes, reindexId, indexName(index, reindexId), settings.chunkPause());
    }
}
