package org.openlearning.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openlearning.search.CourseQuery;
import org.openlearning.search.CourseSearch;

/**
 * One pass of searches at a given concurrency: {@code clients} virtual threads take the next query
 * of the list until all are sent once, each on its own connection (API) or through the shared
 * OpenSearch client (raw); latencies from the client side.
 */
final class SearchLoad {

    private static final Pattern SOURCE = Pattern.compile("\"source\"\\s*:\\s*\"([^\"]*)\"");

    /** Sends query {@code i}; answers null when it succeeded, or the kind of failure. */
    interface Sender extends AutoCloseable {
        String send(int i) throws Exception;

        @Override
        default void close() {
        }
    }

    interface Senders {
        Sender open();
    }

    private SearchLoad() {
    }

    static Round pass(int count, int clients, Senders senders) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Round.Counter> counters = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                Round.Counter counter = new Round.Counter();
                counters.add(counter);
                pool.submit(() -> {
                    try (Sender sender = senders.open()) {
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            long t0 = System.nanoTime();
                            String failure;
                            try {
                                failure = sender.send(i);
                            } catch (Exception e) {
                                failure = e.getClass().getSimpleName();
                            }
                            long nanos = System.nanoTime() - t0;
                            if (failure == null) {
                                counter.ok(nanos);
                            } else {
                                counter.error(failure, nanos);
                            }
                        }
                    }
                    return null;
                });
            }
        }
        return Round.of(counters, (System.nanoTime() - start) / 1e9);
    }

    /** {@code GET /api/courses?…}: a 200 whose {@code source} is "search" succeeded. */
    static Senders api(URI web, List<SearchQueries.Search> queries) {
        List<String> paths = queries.stream().map(SearchQueries.Search::path).toList();
        return () -> {
            HttpLoad http = new HttpLoad(web);
            return new Sender() {
                @Override
                public String send(int i) throws Exception {
                    HttpLoad.Answer answer = http.get(paths.get(i));
                    if (answer.status() != 200) {
                        return "http " + answer.status();
                    }
                    String source = source(answer.body());
                    return "search".equals(source) ? null : "source " + source;
                }

                @Override
                public void close() {
                    http.close();
                }
            };
        };
    }

    /** The same searches straight to OpenSearch: {@link CourseSearch#search}, as the API runs them. */
    static Senders raw(CourseSearch search, List<CourseQuery> queries) {
        return () -> i -> {
            search.search(queries.get(i));
            return null;
        };
    }

    /** The {@code source} of an API answer (search, or whatever answered instead), null when it names none. */
    static String source(String body) {
        if (body == null) {
            return null;
        }
        Matcher m = SOURCE.matcher(body);
        return m.find() ? m.group(1) : null;
    }
}
