package org.openlearning.certificate.issuance;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Core and this job module, without a web server or a JobRunr server: the handlers are called directly. */
@SpringBootApplication(scanBasePackages = "org.openlearning")
class IssuanceTestApplication {
}
