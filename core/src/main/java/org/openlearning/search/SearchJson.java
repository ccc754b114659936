package org.openlearning.search;

import org.opensearch.client.json.jackson3.JacksonJsonpMapper;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The JSON mapping of our documents in OpenSearch: snake_case field names, like the API. */
public final class SearchJson {

    private SearchJson() {
    }

    public static JacksonJsonpMapper mapper() {
        return new JacksonJsonpMapper(JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                // the client reads each document out of a larger response
                .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // partial sources (suggestions) leave numbers out
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build());
    }
}
