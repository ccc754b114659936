package org.openlearning.search;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how the catalog is searched ({@code platform.search.*}).
 *
 * @param url            OpenSearch's HTTP address
 * @param alias          the alias searches go through; the indices behind it are named
 *                       {@code <alias>-<suffix>} and swapped by a full rebuild
 * @param connectTimeout connecting to OpenSearch
 * @param timeout        one request; a search that takes longer is answered from PostgreSQL instead
 * @param cacheTtl       how long a query's results stay in the Redis hot-query cache
 */
@ConfigurationProperties("platform.search")
public record SearchProperties(@DefaultValue("http://127.0.0.1:9200") String url,
        @DefaultValue("courses") String alias, @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("2s") Duration timeout, @DefaultValue("30s") Duration cacheTtl) {

    public SearchProperties {
        if (!alias.matches("[a-z0-9][a-z0-9_-]{0,100}")) {
            throw new IllegalArgumentException("platform.search.alias must be a lower-case index name, not " + alias);
        }
    }
}
