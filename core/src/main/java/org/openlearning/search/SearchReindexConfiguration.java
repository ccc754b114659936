package org.openlearning.search;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.intent.IntentKind;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers full rebuilds as an intent kind (so the sweeper covers them) and their SQL object. */
@Configuration(proxyBeanMethods = false)
class SearchReindexConfiguration {

    @Bean
    IntentKind searchReindexIntent() {
        return SearchReindexRequest.INTENT;
    }

    @Bean
    SearchReindexDao searchReindexDao(Jdbi jdbi) {
        return jdbi.onDemand(SearchReindexDao.class);
    }
}
