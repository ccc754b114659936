package org.openlearning.video;

import org.openlearning.intent.IntentKind;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdgeProperties.class)
class VideoConfiguration {

    @Bean
    IntentKind transcodeIntent() {
        return TranscodeRequest.INTENT;
    }
}
