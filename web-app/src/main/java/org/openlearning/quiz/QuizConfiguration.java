package org.openlearning.quiz;

import java.time.Clock;

import org.jdbi.v3.core.Jdbi;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuizProperties.class)
class QuizConfiguration {

    @Bean
    QuizDao quizDao(Jdbi jdbi) {
        return jdbi.onDemand(QuizDao.class);
    }

    /** The time attempts start, end and cool down by (tests move it). */
    @Bean
    Clock quizClock() {
        return Clock.systemUTC();
    }
}
