package org.openlearning.worker;

import java.time.Duration;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every time-based trigger of the platform, in the clustered Quartz store: each fires on one worker. */
@Configuration(proxyBeanMethods = false)
class QuartzSchedule {

    @Bean
    JobDetail intentSweepJobDetail() {
        return JobBuilder.newJob(IntentSweepJob.class)
                .withIdentity("intent-sweep")
                .withDescription("Enqueue intent records stuck in REQUESTED")
                .storeDurably()
                .build();
    }

    @Bean
    Trigger intentSweepTrigger(JobDetail intentSweepJobDetail,
            @Value("${platform.intents.sweep-interval:30s}") Duration interval) {
        return TriggerBuilder.newTrigger()
                .forJob(intentSweepJobDetail)
                .withIdentity("intent-sweep")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @Bean
    JobDetail nightlySearchReindexJobDetail() {
        return JobBuilder.newJob(NightlySearchReindexJob.class)
                .withIdentity("nightly-search-reindex")
                .withDescription("Request a full rebuild of the search index")
                .storeDurably()
                .build();
    }

    /** A missed night is not made up for: the outbox relay keeps the index current meanwhile. */
    @Bean
    Trigger nightlySearchReindexTrigger(JobDetail nightlySearchReindexJobDetail,
            @Value("${platform.search.nightly-cron:0 30 3 * * ?}") String cron) {
        return TriggerBuilder.newTrigger()
                .forJob(nightlySearchReindexJobDetail)
                .withIdentity("nightly-search-reindex")
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionDoNothing())
                .build();
    }
}
