package org.openlearning.bench;

import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.openlearning.redis.RedisKeys;
import org.openlearning.search.CourseIndex;
import org.openlearning.search.CourseQuery;
import org.openlearning.search.CourseSearch;
import org.openlearning.search.SearchCacheKeys;
import org.openlearning.search.SearchConfiguration;
import org.openlearning.search.SearchProperties;

import redis.clients.jedis.RedisClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code search}: 1,000 distinct mixed searches over the generated 100,000-course catalog through
 * {@code GET /api/courses} at concurrency 1, 8 and 32, each pass alternating with the same searches
 * sent straight to OpenSearch by the bench. Options: {@code --keep} (the default: the catalog stays
 * for the next run), {@code --cleanup} (remove it afterwards). Settable: {@code -Dbench.search.rounds}
 * (3), {@code -Dbench.search.url} (the web app), {@code -Dbench.search.alias} (courses).
 */
final class SearchBench {

    static final int COURSES = Integer.getInteger("bench.search.courses", 100_000);
    static final int QUERIES = 1_000;
    static final int WARMUP_QUERIES = 300;
    /**
     * How long the warm-up runs at least: a web app just started needs thousands of searches before
     * its JIT has compiled the request path (300 left the first measured pass up to 25 % slower than
     * the next, and its rate can hold still for a while at a third of the warm one while the
     * compilers work: it was still getting faster after 30 s). After that, rounds go on until the
     * API's rate is {@link #steady}, or {@link #WARMUP_AT_MOST} has passed.
     */
    static final Duration WARMUP_AT_LEAST = Duration.ofSeconds(60);
    static final Duration WARMUP_AT_MOST = Duration.ofSeconds(180);
    /** The span over which the warm-up's API rate is compared with the span before it. */
    static final Duration STEADY_WINDOW = Duration.ofSeconds(10);
    static final int[] CONCURRENCY = {1, 8, 32};
    static final int ROUNDS = Integer.getInteger("bench.search.rounds", 3);
    static final URI WEB = URI.create(System.getProperty("bench.search.url", Local.WEB));
    static final String OPENSEARCH = System.getProperty("bench.search.opensearch", "http://127.0.0.1:9200");
    static final String ALIAS = System.getProperty("bench.search.alias", "courses");
    static final Duration INDEX_WAIT = Duration.ofMinutes(10);
    static final Duration REBUILD_WAIT = Duration.ofMinutes(15);

    private final boolean cleanup;
    private final Map<String, Integer> errorKinds = new TreeMap<>();

    SearchBench(List<String> options) {
        for (String o : options) {
            if (!o.equals("--keep") && !o.equals("--cleanup")) {
                throw new IllegalArgumentException("search takes --keep or --cleanup, not " + o);
            }
        }
        this.cleanup = options.contains("--cleanup");
    }

    /** The web app's settings: raw searches get the same 2 s timeout as the API's. */
    static SearchProperties properties() {
        return properties(Duration.ofSeconds(2));
    }

    static SearchProperties properties(Duration timeout) {
        return new SearchProperties(OPENSEARCH, ALIAS, Duration.ofSeconds(1), timeout, Duration.ofSeconds(30));
    }

    Report run() throws Exception {
        SearchProperties properties = properties();
        OpenSearchClient client = SearchConfiguration.client(properties);
        try (Connection db = Local.connect(); RedisClient redis = ProgressRedis.connect()) {
            try {
                SearchCatalog.Counts counts = SearchCatalog.ensure(db, new CourseGenerator(COURSES));
                String indexing = ensureIndexed(db, client, counts.published());
                // replaced documents leave deleted copies that every search skips until merged away
                CourseIndex.Shape docs = new CourseIndex(client, properties).shape();
                indexing += " (when the load began the index held " + docs.live() + " live and " + docs.deleted()
                        + " deleted documents)";
                return measure(new CourseSearch(client, properties), redis, counts, indexing);
            } finally {
                if (cleanup) {
                    Local.log("cleanup: removed " + SearchCatalog.remove(db) + " bench courses with their partners and instructors");
                } else {
                    Local.log("the bench catalog stays for the next run (./platform bench search-cleanup removes it)");
                }
            }
        } finally {
            client._transport().close();
        }
    }

    /** Waits for the workers' relay; when it does not get there, rebuilds the index through the admin API. */
    private static String ensureIndexed(Connection db, OpenSearchClient client, long published) throws Exception {
        if (SearchIndexState.awaitIndexed(db, client, ALIAS, published, INDEX_WAIT)) {
            return "indexed by the workers' outbox relay";
        }
        Local.log("the relay did not index the bench catalog: requesting a full rebuild");
        AdminToken admin = AdminToken.create(db);
        SearchReindex.Outcome outcome;
        try {
            outcome = SearchReindex.run(db, admin, REBUILD_WAIT);
        } finally {
            admin.revoke(db);
        }
        Local.log(SearchReindex.describe(outcome));
        if (!SearchIndexState.awaitIndexed(db, client, ALIAS, published, Duration.ofMinutes(2))) {
            throw new IllegalStateException("after " + SearchReindex.describe(outcome) + ", " + SearchIndexState.benchDocs(client, ALIAS)
                    + " of " + published + " published bench courses are searchable");
        }
        return "indexed by a full rebuild (" + SearchReindex.describe(outcome) + ")";
    }

    /**
     * True when the API's rate over the last {@link #STEADY_WINDOW} of warm-up rounds is within 5 %
     * of its rate over the window before (a window of a few rounds is too short to see the JIT's
     * slow gains).
     */
    static boolean steady(List<Round> rounds) {
        Window last = Window.before(rounds, rounds.size());
        Window before = last == null ? null : Window.before(rounds, last.from());
        return before != null && Math.abs(last.rate() - before.rate()) <= 0.05 * before.rate();
    }

    /** The rounds from index {@code from} on that span {@link #STEADY_WINDOW}, with their answers. */
    private record Window(int from, double seconds, long answers) {

        double rate() {
            return answers / seconds;
        }

        /** The last rounds before index {@code end} that span the window; null when they do not. */
        static Window before(List<Round> rounds, int end) {
            double seconds = 0;
            long answers = 0;
            for (int i = end - 1; i >= 0; i--) {
                seconds += rounds.get(i).seconds();
                answers += rounds.get(i).requests() - rounds.get(i).errors();
                if (seconds >= STEADY_WINDOW.toMillis() / 1000.0) {
                    return new Window(i, seconds, answers);
                }
            }
            return null;
        }
    }

    private Report measure(CourseSearch search, RedisClient redis, SearchCatalog.Counts counts, String indexing)
            throws Exception {
        List<SearchQueries.Search> queries = SearchQueries.make(QUERIES, CourseGenerator.SEED + 10);
        List<SearchQueries.Search> warmup = SearchQueries.make(WARMUP_QUERIES, CourseGenerator.SEED + 11);
        List<CourseQuery> parsed = queries.stream().map(SearchQueries.Search::query).toList();
        String generation = new SearchCacheKeys(new RedisKeys("")).generation();
        String preflight = preflight(search, queries);
        Local.log("warm-up: rounds of " + WARMUP_QUERIES + " other searches at concurrency 8, API then raw, for "
                + WARMUP_AT_LEAST.toSeconds() + " s and until the API's rate is steady");
        int warmupRounds = 0;
        List<Round> apiWarmups = new ArrayList<>();
        long warmupStart = System.nanoTime();
        while (true) {
            warmupRounds++;
            redis.incr(generation); // each round misses the cache, as the measured passes do
            Round apiRound = SearchLoad.pass(WARMUP_QUERIES, 8, SearchLoad.api(WEB, warmup));
            Local.log("warm-up API: " + apiRound.summary());
            Local.log("warm-up raw: " + SearchLoad.pass(WARMUP_QUERIES, 8,
                    SearchLoad.raw(search, warmup.stream().map(SearchQueries.Search::query).toList())).summary());
            apiWarmups.add(apiRound);
            boolean steady = System.nanoTime() - warmupStart >= WARMUP_AT_LEAST.toNanos() && steady(apiWarmups);
            if (steady || System.nanoTime() - warmupStart >= WARMUP_AT_MOST.toNanos()) {
                break;
            }
        }
        Report report = new Report();
        Map<Integer, double[]> api = new TreeMap<>();
        Map<Integer, double[]> raw = new TreeMap<>();
        int apiErrors = 0;
        int rawErrors = 0;
        for (int c : CONCURRENCY) {
            List<Round> apiRounds = new ArrayList<>();
            List<Round> rawRounds = new ArrayList<>();
            for (int r = 1; r <= ROUNDS; r++) {
                boolean apiFirst = r % 2 == 1;
                for (int k = 0; k < 2; k++) {
                    if ((k == 0) == apiFirst) {
                        redis.incr(generation); // no answer of this pass is in the hot-query cache
                        Round round = SearchLoad.pass(QUERIES, c, SearchLoad.api(WEB, queries));
                        Local.log("c" + c + " round " + r + " API: " + round.summary());
                        apiRounds.add(round);
                    } else {
                        Round round = SearchLoad.pass(QUERIES, c, SearchLoad.raw(search, parsed));
                        Local.log("c" + c + " round " + r + " raw: " + round.summary());
                        rawRounds.add(round);
                    }
                }
            }
            apiErrors += tally(apiRounds, "api");
            rawErrors += tally(rawRounds, "raw");
            api.put(c, medians(apiRounds));
            raw.put(c, medians(rawRounds));
        }
        report.put("courses", counts.courses())
                .put("api_p50_ms_c1", api.get(1)[0], 2)
                .put("api_p99_ms_c8", api.get(8)[2], 2)
                .put("api_qps_c32", api.get(32)[3], 1)
                .put("raw_p50_ms_c1", raw.get(1)[0], 2)
                .put("ratio_p50_vs_raw", api.get(1)[0] / raw.get(1)[0], 2)
                .put("errors", apiErrors + rawErrors)
                .put("api_errors", apiErrors)
                .put("raw_errors", rawErrors)
                .put("published_courses", counts.published());
        for (int c : CONCURRENCY) {
            for (String side : List.of("api", "raw")) {
                double[] m = side.equals("api") ? api.get(c) : raw.get(c);
                report.put(side + "_p50_ms_c" + c, m[0], 2).put(side + "_p95_ms_c" + c, m[1], 2)
                        .put(side + "_p99_ms_c" + c, m[2], 2).put(side + "_qps_c" + c, m[3], 1);
            }
            report.put("ratio_p50_vs_raw_c" + c, api.get(c)[0] / raw.get(c)[0], 2);
        }
        report.put("queries", QUERIES).put("rounds", ROUNDS);
        return report.notes(notes(counts, indexing, preflight, apiErrors, rawErrors, warmupRounds));
    }

    /** {p50, p95, p99, answers per second}: medians over the rounds. */
    private static double[] medians(List<Round> rounds) {
        double[] m = new double[4];
        double[] ps = {50, 95, 99};
        for (int i = 0; i < 3; i++) {
            double p = ps[i];
            m[i] = Stats.median(rounds.stream().mapToDouble(r -> Stats.percentileMs(r.latencies(), p)).toArray());
        }
        m[3] = Stats.median(rounds.stream().mapToDouble(Round::okPerSecond).toArray());
        return m;
    }

    private int tally(List<Round> rounds, String side) {
        int errors = 0;
        for (Round r : rounds) {
            errors += r.errors();
            r.errorKinds().forEach((kind, n) -> errorKinds.merge(side + " " + kind, n, Integer::sum));
        }
        return errors;
    }

    /**
     * One API search before the load (so a missing or failing API shows at once), and the totals of
     * the first 20 searches compared between the API and OpenSearch.
     */
    private static String preflight(CourseSearch search, List<SearchQueries.Search> queries) throws Exception {
        int same = 0;
        String sources = "";
        try (HttpLoad http = new HttpLoad(WEB)) {
            for (int i = 0; i < 20; i++) {
                HttpLoad.Answer answer = http.get(queries.get(i).path());
                if (answer.status() != 200) {
                    Local.log("GET " + queries.get(i).path() + " answered " + answer.status() + ": " + answer.body());
                    continue;
                }
                JsonNode body = Local.JSON.readTree(answer.body());
                String source = body.path("source").asString("(none)");
                sources = sources.contains(source) ? sources : sources + (sources.isEmpty() ? "" : ", ") + source;
                if (body.path("total").asLong(-1) == search.search(queries.get(i).query()).total()) {
                    same++;
                }
            }
        }
        Local.log("preflight: API sources " + sources + "; " + same + " of 20 totals equal OpenSearch's");
        return "Before the load, the first 20 searches' API answers named source " + sources + " and " + same
                + " of their 20 totals equalled OpenSearch's.";
    }

    private String notes(SearchCatalog.Counts counts, String indexing, String preflight, int apiErrors, int rawErrors,
            int warmupRounds) {
        StringBuilder n = new StringBuilder()
                .append("Catalog: ").append(counts.courses()).append(" generated courses (fixed seed; slugs ")
                .append(CourseGenerator.SLUG_PREFIX).append("*, ").append(counts.published()).append(" published, ")
                .append(CourseGenerator.PARTNERS).append(" partners, ").append(CourseGenerator.INSTRUCTORS)
                .append(" instructors) besides the demo courses, ").append(indexing).append(". Queries: ").append(QUERIES)
                .append(" distinct searches (fixed seed): text in ~85 % (subjects, skills, whole titles, skill + subject, ")
                .append("misspellings, partner and instructor names), filters category ~30 %, level ~25 %, language ~20 %, ")
                .append("min_rating ~20 %, partner ~10 %, sorts relevance/rating/newest/enrollments/title, pages 1-3, 12 per page; ")
                .append("every answer carries hits, total, the 4 facets and (with text) highlights. For each concurrency 1, 8, 32: ")
                .append(ROUNDS).append(" rounds, each sending all ").append(QUERIES).append(" searches once through ")
                .append("GET ").append(WEB).append("/api/courses (raw HTTP/1.1 keep-alive, one connection per client, virtual ")
                .append("threads; the Redis hot-query cache generation INCRed before every API pass so no answer comes from the ")
                .append("cache) and once straight to OpenSearch by the bench (CourseSearch.search: the API's own requests, the known-word lookup included, ")
                .append("through an OpenSearchClient from SearchConfiguration.client, answers read as the API reads them), ")
                .append("API and raw alternating which goes first; after a warm-up of ").append(warmupRounds)
                .append(" rounds of ").append(WARMUP_QUERIES).append(" other searches each way at concurrency 8 (")
                .append(WARMUP_AT_LEAST.toSeconds()).append(" s at least, then until the API's rate over the last ")
                .append(STEADY_WINDOW.toSeconds()).append(" s was within 5 % of the ").append(STEADY_WINDOW.toSeconds())
                .append(" s before; cache generation INCRed each round). p50/p95/p99: client-side, median over the rounds of each round's percentile; ")
                .append("qps: successful answers / pass wall time, median over rounds; ratio_p50_vs_raw = api_p50_ms_c1 / ")
                .append("raw_p50_ms_c1 (per concurrency in ratio_p50_vs_raw_cN). errors = API answers that were not 200 or ")
                .append("did not say source \"search\" (a fallback to PostgreSQL counts) plus raw exceptions: ").append(apiErrors)
                .append(" API, ").append(rawErrors).append(" raw").append(errorKinds.isEmpty() ? "" : " " + errorKinds)
                .append(". ").append(preflight).append(" Load generator, web app, workers, OpenSearch, Redis and PostgreSQL ")
                .append("share this machine's ").append(Runtime.getRuntime().availableProcessors()).append(" cores.");
        return n.toString();
    }
}
