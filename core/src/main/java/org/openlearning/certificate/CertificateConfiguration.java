package org.openlearning.certificate;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.intent.IntentKind;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Certificate SQL objects, and completion requests and registrar batches as intent kinds (swept). */
@Configuration(proxyBeanMethods = false)
class CertificateConfiguration {

    @Bean
    IntentKind certificateRequestIntent() {
        return CertificateRequest.INTENT;
    }

    @Bean
    IntentKind certificateBatchIntent() {
        return CertificateBatchRequest.INTENT;
    }

    @Bean
    CertificateDao certificateDao(Jdbi jdbi) {
        return jdbi.onDemand(CertificateDao.class);
    }

    @Bean
    CertificateBatchDao certificateBatchDao(Jdbi jdbi) {
        return jdbi.onDemand(CertificateBatchDao.class);
    }

    @Bean
    CertificateRequestDao certificateRequestDao(Jdbi jdbi) {
        return jdbi.onDemand(CertificateRequestDao.class);
    }
}
