package org.openlearning.quiz;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param grace      how long after a timed attempt's deadline a submission still counts as on time
 *                   (the network, a slow click)
 * @param versionTtl how long a replica trusts its idea of a quiz's current version (an edit on
 *                   another replica is seen within this time; open attempts of the old version are
 *                   void at once either way)
 */
@ConfigurationProperties("platform.quiz")
public record QuizProperties(@DefaultValue("10s") Duration grace, @DefaultValue("2s") Duration versionTtl) {

    double graceSeconds() {
        return grace.toMillis() / 1000.0;
    }
}
