package org.openlearning.progress.web;

import org.openlearning.identity.Accounts;
import org.openlearning.progress.ProgressIngest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** Puts {@link ProgressReportFilter} first, ahead of every other filter, on the progress paths only. */
@Configuration(proxyBeanMethods = false)
class ProgressReportFilterConfiguration {

    @Bean
    FilterRegistrationBean<ProgressReportFilter> progressReportFilter(Accounts accounts, ProgressIngest ingest,
            JsonMapper json, MeterRegistry meters) {
        FilterRegistrationBean<ProgressReportFilter> registration = new FilterRegistrationBean<>(
                new ProgressReportFilter(accounts, ingest, json, meters));
        registration.addUrlPatterns(ProgressReportFilter.PREFIX + "*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("progressReportFilter");
        return registration;
    }
}
