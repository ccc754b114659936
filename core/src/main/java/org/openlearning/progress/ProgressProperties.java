package org.openlearning.progress;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by the API that appends progress events and the job that compacts them.
 *
 * @param shards   how many Redis streams the events are spread over (by enrollment); every writer
 *                 and compactor must agree on it
 * @param cacheTtl how long a learner's cached progress lives in Redis after their last event
 */
@ConfigurationProperties("platform.progress")
public record ProgressProperties(@DefaultValue("8") int shards, @DefaultValue("7d") Duration cacheTtl) {

    public ProgressProperties {
        if (shards < 1 || shards > 1024) {
            throw new IllegalArgumentException("platform.progress.shards must be within 1..1024, not " + shards);
        }
    }
}
