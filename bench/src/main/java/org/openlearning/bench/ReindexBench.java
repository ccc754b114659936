package org.openlearning.bench;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.openlearning.search.CourseIndex;
import org.openlearning.search.SearchConfiguration;
import org.openlearning.search.SearchProperties;

/**
 * {@code reindex}: a full rebuild of the search index over the generated 100,000-course catalog,
 * requested through {@code POST /api/admin/search/reindexes} and timed from its record; against the
 * bench's own bare bulk load of the same documents into a scratch index. The catalog stays (see
 * {@code search-cleanup}); {@code --cleanup} removes it afterwards.
 */
final class ReindexBench {

    static final Duration OUTBOX_WAIT = Duration.ofMinutes(10);
    static final Duration REBUILD_WAIT = Duration.ofMinutes(15);
    static final int BARE_PAGE = 1_000;

    private final boolean cleanup;

    ReindexBench(List<String> options) {
        for (String o : options) {
            if (!o.equals("--keep") && !o.equals("--cleanup")) {
                throw new IllegalArgumentException("reindex takes --keep or --cleanup, not " + o);
            }
        }
        this.cleanup = options.contains("--cleanup");
    }

    Report run() throws Exception {
        // no latency measured here: a patient client, OpenSearch may be busy indexing what was just loaded
        SearchProperties properties = SearchBench.properties(Duration.ofSeconds(30));
        OpenSearchClient client = SearchConfiguration.client(properties);
        try (Connection db = Local.connect()) {
            try {
                SearchCatalog.Counts counts = SearchCatalog.ensure(db, new CourseGenerator(SearchBench.COURSES));
                // the rebuild should not race the relay over the catalog just loaded
                boolean settled = SearchIndexState.awaitIndexed(db, client, SearchBench.ALIAS, counts.published(), OUTBOX_WAIT);
                long outbox = SearchIndexState.outbox(db);
                CourseIndex index = new CourseIndex(client, properties);
                String scratch = "bench-bare-" + SearchBench.ALIAS + "-" + System.currentTimeMillis();
                double[] bare;
                try {
                    Local.log("bare bulk load into " + scratch);
                    bare = SearchIndexState.bareBulk(index, scratch, BARE_PAGE);
                } finally {
                    index.deleteIndex(scratch);
                }
                Local.log("bare bulk: " + (long) bare[0] + " documents in %.2f s".formatted(bare[1]));
                AdminToken admin = AdminToken.create(db);
                SearchReindex.Outcome outcome;
                try {
                    outcome = SearchReindex.run(db, admin, REBUILD_WAIT);
                } finally {
                    admin.revoke(db);
                }
                Local.log(SearchReindex.describe(outcome));
                return report(counts, outcome, bare, settled, outbox);
            } finally {
                if (cleanup) {
                    Local.log("cleanup: removed " + SearchCatalog.remove(db) + " bench courses; bench admin removed: "
                            + AdminToken.remove(db));
                }
            }
        } finally {
            client._transport().close();
        }
    }

    private static Report report(SearchCatalog.Counts counts, SearchReindex.Outcome o, double[] bare, boolean settled,
            long outbox) {
        boolean ok = o.succeeded();
        Report report = new Report().put("courses", o.totalCourses());
        if (ok) {
            report.put("seconds", o.jobSeconds(), 2)
                    .put("wall_seconds", o.wallSeconds(), 2)
                    .put("docs_per_s", o.indexed() / o.jobSeconds(), 1);
        } else {
            report.missing("seconds").missing("wall_seconds").missing("docs_per_s");
        }
        report.put("indexed", o.indexed())
                .put("queue_seconds", o.queueSeconds(), 2)
                .put("bare_bulk_docs", (long) bare[0])
                .put("bare_bulk_seconds", bare[1], 2)
                .put("ratio_vs_bare_bulk", ok ? o.jobSeconds() / bare[1] : Double.NaN, 2)
                .put("bench_courses", counts.courses())
                .put("bench_published", counts.published());
        return report.notes("Rebuild " + o.id() + " requested with POST " + Local.WEB + SearchReindex.PATH + " as a bench admin "
                + "(personal access token written to the database, deleted afterwards), status " + o.status()
                + (o.failure() == null ? "" : " (" + o.failure() + ")") + "; search_reindexes polled every "
                + SearchReindex.POLL.toMillis() + " ms. courses = its total_courses (every published course: the "
                + counts.published() + " published of the " + counts.courses() + " generated bench courses, fixed seed, "
                + "plus any others); seconds = finished_at - started_at of the record (the job itself); wall_seconds = "
                + "from sending the request until SUCCEEDED was seen (includes queueing, queue_seconds = started_at - "
                + "created_at); docs_per_s = indexed / seconds. Before it, "
                + (settled ? "the outbox was empty and the bench catalog searchable" : "the outbox still held " + outbox
                        + " rows after waiting up to " + OUTBOX_WAIT.toMinutes() + " min (the relay ran alongside)")
                + ". Baseline: the bench's own bare bulk load of the same documents (CourseDocuments.publishedAfter pages of "
                + BARE_PAGE + ", CourseIndex.write, refreshes off then on, one thread, no alias swap) into a scratch index, "
                + "deleted afterwards: " + (long) bare[0] + " documents in %.2f s; one run each.".formatted(bare[1])
                + " Everything shares this machine's " + Runtime.getRuntime().availableProcessors() + " cores.");
    }
}
