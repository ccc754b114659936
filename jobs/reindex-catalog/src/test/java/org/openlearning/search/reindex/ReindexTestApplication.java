package org.openlearning.search.reindex;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Core and this job module, without a web server or a JobRunr server: the handler is called directly. */
@SpringBootApplication(scanBasePackages = "org.openlearning")
class ReindexTestApplication {
}
