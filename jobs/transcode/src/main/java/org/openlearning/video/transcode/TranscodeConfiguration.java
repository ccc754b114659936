package org.openlearning.video.transcode;

import org.jdbi.v3.core.Jdbi;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TranscodeSettings.class)
class TranscodeConfiguration {

    @Bean
    TranscodeDao transcodeDao(Jdbi jdbi) {
        return jdbi.onDemand(TranscodeDao.class);
    }
}
