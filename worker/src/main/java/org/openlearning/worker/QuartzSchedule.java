package org.openlearning.worker;

import java.time.Duration;

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
}
