package org.openlearning.worker;

import java.time.Duration;

import org.openlearning.intent.IntentQueue;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Quartz job of the intent sweeper: enqueues the JobRunr job of every intent record left REQUESTED
 * (its web app died between commit and enqueue). It only enqueues; the work is the JobRunr job's.
 */
@DisallowConcurrentExecution
class IntentSweepJob extends QuartzJobBean {

    private final IntentQueue intents;
    private final Duration staleAfter;

    IntentSweepJob(IntentQueue intents, @Value("${platform.intents.stale-after:30s}") Duration staleAfter) {
        this.intents = intents;
        this.staleAfter = staleAfter;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        intents.sweep(staleAfter);
    }
}
