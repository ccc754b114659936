package org.openlearning.catalogimport;

import org.openlearning.intent.IntentKind;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CatalogImportConfiguration {

    @Bean
    IntentKind catalogImportIntent() {
        return CatalogImportRequest.INTENT;
    }
}
