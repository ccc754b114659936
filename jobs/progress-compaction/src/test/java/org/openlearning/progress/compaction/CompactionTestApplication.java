package org.openlearning.progress.compaction;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Core and this job module, without a web server or a JobRunr server; compactors are driven by the tests. */
@SpringBootApplication(scanBasePackages = "org.openlearning")
@EnableConfigurationProperties(CompactionSettings.class)
class CompactionTestApplication {
}
