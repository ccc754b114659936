package org.openlearning.assessment.code.grading;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Core and this job module, without a web server or a JobRunr server: the job is called directly. */
@SpringBootApplication(scanBasePackages = "org.openlearning")
class GradeCodeTestApplication {
}
