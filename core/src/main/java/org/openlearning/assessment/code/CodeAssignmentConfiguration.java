package org.openlearning.assessment.code;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.intent.IntentKind;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CodeAssignmentConfiguration {

    @Bean
    IntentKind gradeCodeIntent() {
        return GradeCodeRequest.INTENT;
    }

    @Bean
    CodeAssignmentDao codeAssignmentDao(Jdbi jdbi) {
        return jdbi.onDemand(CodeAssignmentDao.class);
    }

    @Bean
    CodeSubmissionDao codeSubmissionDao(Jdbi jdbi) {
        return jdbi.onDemand(CodeSubmissionDao.class);
    }
}
