package org.openlearning.web;

import java.time.Duration;

import org.openlearning.search.SearchProperties;

/**
 * Search settings of the fallback tests. The base test registers the real OpenSearch as a dynamic
 * property, which a subclass cannot override; these tests declare a primary {@link SearchProperties}
 * bean instead, so that every search client of their context goes to the broken address.
 */
final class SearchServers {

    private SearchServers() {
    }

    static SearchProperties at(String url, String alias, Duration timeout) {
        return new SearchProperties(url, alias, Duration.ofMillis(500), timeout, Duration.ofSeconds(30));
    }
}
