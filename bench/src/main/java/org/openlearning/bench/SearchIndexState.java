package org.openlearning.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.openlearning.search.CourseDocument;
import org.openlearning.search.CourseDocuments;
import org.openlearning.search.CourseIndex;

/** How far the search index has caught up with the bench catalog, and the bench's own bare bulk load. */
final class SearchIndexState {

    private static final Duration STALLED = Duration.ofSeconds(60);

    private SearchIndexState() {
    }

    static long outbox(Connection db) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM catalog_outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Published bench courses searchable through {@code alias} (as of its last refresh, every
     * second); -1 when OpenSearch did not answer in time (busy indexing), to be asked again.
     */
    static long benchDocs(OpenSearchClient client, String alias) throws IOException {
        try {
            return countBenchDocs(client, alias);
        } catch (java.net.SocketTimeoutException | RuntimeException e) {
            return -1;
        }
    }

    private static long countBenchDocs(OpenSearchClient client, String alias) throws IOException {
        return client.count(c -> c.index(alias).query(q -> q.bool(b -> b
                .filter(f -> f.term(t -> t.field("status").value(FieldValue.of(CourseDocument.PUBLISHED))))
                .filter(f -> f.prefix(p -> p.field("slug").value(CourseGenerator.SLUG_PREFIX)))))).count();
    }

    /**
     * Waits until the outbox is empty and the alias holds every published bench course. Gives up
     * (false) after {@code max}, or when the outbox stops shrinking for a minute (no relay running),
     * or when it is empty and documents are still missing.
     */
    static boolean awaitIndexed(Connection db, OpenSearchClient client, String alias, long expected, Duration max)
            throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        long lastOutbox = Long.MAX_VALUE;
        long lastProgress = System.nanoTime();
        int emptyButMissing = 0;
        while (true) {
            long outbox = outbox(db);
            long docs = benchDocs(client, alias);
            if (outbox == 0 && docs == expected) {
                return true;
            }
            Local.log("waiting for the index: " + outbox + " outbox rows, " + docs + " of " + expected
                    + " published bench courses searchable");
            if (outbox < lastOutbox) {
                lastOutbox = outbox;
                lastProgress = System.nanoTime();
            }
            emptyButMissing = outbox == 0 ? emptyButMissing + 1 : 0;
            if (System.nanoTime() > deadline || System.nanoTime() - lastProgress > STALLED.toNanos() || emptyButMissing >= 5) {
                return false;
            }
            Thread.sleep(2_000);
        }
    }

    /**
     * The bare bulk load a rebuild does, by the bench: every published course read page by page with
     * {@link CourseDocuments#publishedAfter} and written by {@link CourseIndex#load} into a new
     * index {@code name} (refreshes off, then on), no alias swap. Returns {documents, seconds}.
     */
    static double[] bareBulk(CourseIndex index, String name, int page) throws SQLException {
        long start = System.nanoTime();
        index.create(name, true);
        long written;
        try (Connection db = Local.connect(); Handle handle = Jdbi.open(db)) {
            written = index.load(handle, name, page);
        }
        index.finishBulk(name);
        return new double[] {written, (System.nanoTime() - start) / 1e9};
    }
}
