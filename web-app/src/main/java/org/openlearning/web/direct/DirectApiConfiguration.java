package org.openlearning.web.direct;

import java.util.List;

import org.openlearning.identity.Accounts;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** Puts {@link DirectApiFilter} first, ahead of every other filter, on the paths of its routes only. */
@Configuration(proxyBeanMethods = false)
class DirectApiConfiguration {

    @Bean
    FilterRegistrationBean<DirectApiFilter> directApiFilter(Accounts accounts, JsonMapper json, MeterRegistry meters,
            List<DirectRoute> routes) {
        FilterRegistrationBean<DirectApiFilter> registration = new FilterRegistrationBean<>(
                new DirectApiFilter(accounts, json, meters, routes));
        routes.stream().map(r -> DirectPaths.urlPattern(r.path())).distinct().forEach(registration::addUrlPatterns);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("directApiFilter");
        return registration;
    }
}
