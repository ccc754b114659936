package org.openlearning.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.openlearning.search.CourseIndex;
import org.openlearning.search.SearchConfiguration;
import org.openlearning.search.SearchProperties;
import org.openlearning.testing.AppProcess;
import org.openlearning.testing.TestStack;

/**
 * A full search-index rebuild across real worker processes: the first worker finds no index, asks
 * for the initial rebuild and is killed with -9 in the middle of it; another worker takes the
 * JobRunr job over, resumes the Spring Batch job after its last committed chunk and swaps the alias.
 */
class SearchReindexWorkerIT {

    private static final int PUBLISHED = 3000;

    record Status(String status, long indexed, Long total, String indexName) {
    }

    @Test
    void aWorkerKilledMidRebuildLeavesItToAnotherWorkerThatFinishesItWithEveryCourseOnce() throws Exception {
        TestStack.Env env = TestStack.create("reindex_kill_it");
        Flyway.configure().dataSource(env.jdbcUrl(), TestStack.PG_USER, TestStack.PG_PASSWORD).load().migrate();
        try (Connection c = env.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO courses (slug, title, summary, status, published_at)
                    SELECT 'rebuild-' || n, 'Rebuild Course ' || n, 'Course number ' || n,
                           CASE WHEN mod(n, 10) = 0 THEN 'DRAFT' ELSE 'PUBLISHED' END,
                           CASE WHEN mod(n, 10) = 0 THEN NULL ELSE now() END
                    FROM generate_series(1, %d) n""".formatted(PUBLISHED * 10 / 9));
            s.execute("DELETE FROM catalog_outbox"); // as if the relay had seen them: the rebuild must index them
        }
        long published = count(env, "SELECT count(*) FROM courses WHERE status = 'PUBLISHED'");
        assertThat(published).isEqualTo(PUBLISHED);

        SearchProperties properties = new SearchProperties(TestStack.OPENSEARCH_URL, env.searchAlias(),
                Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30));
        OpenSearchClient client = SearchConfiguration.client(properties);
        CourseIndex index = new CourseIndex(client, properties);
        String[] slow = {"--platform.intents.sweep-interval=1s", "--platform.intents.stale-after=1s",
                "--spring.datasource.hikari.maximum-pool-size=8", "--platform.search.reindex.chunk-size=100",
                "--platform.search.reindex.chunk-pause=250ms"};
        try {
            Status atKill;
            AppProcess first = WorkerProcess.start(env, "doomed", slow);
            try {
                atKill = await(env, s -> s != null && s.indexed() >= 600, Duration.ofSeconds(90), first);
                first.kill();
            } finally {
                first.close();
            }
            assertThat(atKill.status()).isEqualTo("RUNNING");
            assertThat(atKill.indexed()).isLessThan(PUBLISHED);
            assertThat(index.aliasedIndices()).containsExactly(env.searchAlias() + "-initial");

            Status done;
            try (AppProcess second = WorkerProcess.start(env, "survivor", slow)) {
                done = await(env, s -> s != null && (s.status().equals("SUCCEEDED") || s.status().equals("FAILED")),
                        Duration.ofSeconds(240), second);
            }
            assertThat(done.status()).isEqualTo("SUCCEEDED");
            assertThat(done.total()).isEqualTo(published);
            assertThat(done.indexed()).isEqualTo(published);
            assertThat(index.aliasedIndices()).containsExactly(done.indexName());
            assertThat(index.allIndices()).containsExactly(done.indexName());
            index.refresh();
            assertThat(client.count(c -> c.index(env.searchAlias())).count()).isEqualTo(published);
            assertThat(count(env, "SELECT count(*) FROM search_reindexes")).isEqualTo(1);
            // Spring Batch resumed the stale execution instead of starting over
            assertThat(count(env, "SELECT count(*) FROM batch_job_execution")).isEqualTo(2);
            long resumedWrites = count(env, """
                    SELECT s.write_count FROM batch_step_execution s
                    WHERE s.step_name = 'reindexCopyStep'
                      AND s.job_execution_id = (SELECT max(job_execution_id) FROM batch_job_execution)""");
            assertThat(resumedWrites).isLessThanOrEqualTo(PUBLISHED - atKill.indexed());
        } finally {
            index.allIndices().forEach(index::deleteIndex);
            client._transport().close();
        }
    }

    @Test
    void theNightlyTriggerRequestsARebuildThatAWorkerCarriesOut() throws Exception {
        TestStack.Env env = TestStack.create("reindex_nightly_it");
        SearchProperties properties = new SearchProperties(TestStack.OPENSEARCH_URL, env.searchAlias(),
                Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30));
        OpenSearchClient client = SearchConfiguration.client(properties);
        CourseIndex index = new CourseIndex(client, properties);
        try (AppProcess worker = WorkerProcess.start(env, "nightly", "--spring.datasource.hikari.maximum-pool-size=8",
                "--platform.search.nightly-cron=0/3 * * * * ?")) {
            try (Connection c = env.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO courses (slug, title, status, published_at) VALUES ('nightly-course', 'Nightly Course', 'PUBLISHED', now())");
            }
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (count(env, "SELECT count(*) FROM search_reindexes WHERE kind = 'NIGHTLY' AND status = 'SUCCEEDED'") == 0) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("no nightly rebuild succeeded; worker log: " + worker.tail());
                }
                AppProcess.sleep(200);
            }
            assertThat(count(env, "SELECT count(*) FROM search_reindexes WHERE status = 'FAILED'")).isZero();
            String serving = index.aliasedIndices().iterator().next();
            assertThat(serving).startsWith(env.searchAlias() + "-r");
            index.refresh();
            assertThat(client.count(c -> c.index(env.searchAlias())).count()).isEqualTo(1);
        } finally {
            index.allIndices().forEach(index::deleteIndex);
            client._transport().close();
        }
    }

    private static Status await(TestStack.Env env, Predicate<Status> until, Duration timeout, AppProcess worker)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Status last = null;
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = env.connect(); PreparedStatement ps = c.prepareStatement(
                    "SELECT status, indexed, total_courses, index_name FROM search_reindexes ORDER BY id LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                last = rs.next() ? new Status(rs.getString(1), rs.getLong(2), (Long) rs.getObject(3), rs.getString(4))
                        : null;
            }
            if (until.test(last)) {
                return last;
            }
            AppProcess.sleep(25);
        }
        throw new AssertionError("rebuild still " + last + " after " + timeout + "; worker log: " + worker.tail());
    }

    private static long count(TestStack.Env env, String sql) throws SQLException {
        try (Connection c = env.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
