package org.openlearning.worker;

import org.openlearning.search.SearchReindexes;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Quartz job of the nightly search-index rebuild: writes a NIGHTLY {@code search_reindexes} intent
 * and enqueues its JobRunr job; when a rebuild is already waiting or running it does nothing (that
 * one will do). It only enqueues; the rebuild itself is the JobRunr job's Spring Batch job.
 */
@DisallowConcurrentExecution
class NightlySearchReindexJob extends QuartzJobBean {

    private static final Logger log = LoggerFactory.getLogger(NightlySearchReindexJob.class);

    private final SearchReindexes reindexes;

    NightlySearchReindexJob(SearchReindexes reindexes) {
        this.reindexes = reindexes;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        reindexes.request(SearchReindexes.Kind.NIGHTLY, null).ifPresentOrElse(
                id -> log.info("nightly search rebuild {} requested", id),
                () -> log.info("nightly search rebuild skipped: a rebuild is already waiting or running"));
    }
}
