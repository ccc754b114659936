package org.openlearning.assessment.code.grading;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SandboxSettings.class)
class GradeCodeConfiguration {
}
