package org.openlearning.search;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenSearch client every process shares (one connection pool per process). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
public class SearchConfiguration {

    @Bean(destroyMethod = "close")
    OpenSearchClientHolder openSearchClientHolder(SearchProperties properties) {
        return new OpenSearchClientHolder(client(properties));
    }

    @Bean
    OpenSearchClient openSearchClient(OpenSearchClientHolder holder) {
        return holder.client();
    }

    /** A client for {@code properties}: pooled connections, the configured timeouts, our JSON mapper. */
    public static OpenSearchClient client(SearchProperties properties) {
        URI uri = URI.create(properties.url());
        HttpHost host = new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort());
        Timeout connect = Timeout.ofMilliseconds(properties.connectTimeout().toMillis());
        Timeout response = Timeout.ofMilliseconds(properties.timeout().toMillis());
        var transport = ApacheHttpClient5TransportBuilder.builder(host)
                .setMapper(SearchJson.mapper())
                // no gzip: on a local network, compressing every answer in OpenSearch and inflating it
                // here cost both sides more CPU than the bytes are worth
                .setHttpClientConfigCallback(http -> http.disableContentCompression().setConnectionManager(
                        PoolingAsyncClientConnectionManagerBuilder.create()
                                .setMaxConnTotal(128)
                                .setMaxConnPerRoute(128)
                                .setDefaultConnectionConfig(ConnectionConfig.custom()
                                        .setConnectTimeout(connect)
                                        .setSocketTimeout(response)
                                        .setTimeToLive(5, TimeUnit.MINUTES)
                                        .build())
                                .build()))
                .setRequestConfigCallback(request -> request
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(response))
                .build();
        return new OpenSearchClient(transport);
    }

    /** Closes the client's transport when the context closes. */
    public record OpenSearchClientHolder(OpenSearchClient client) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            client._transport().close();
        }
    }

}
