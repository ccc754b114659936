package org.openlearning.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.openlearning.catalogimport.CatalogImportRequest;
import org.openlearning.storage.ObjectStore;
import org.openlearning.storage.StorageProperties;
import org.openlearning.testing.CatalogCsvFixture;
import org.openlearning.testing.AppProcess;
import org.openlearning.testing.TestStack;

/**
 * The whole backbone with real worker processes: an intent row → the sweeper → a JobRunr job → a
 * Spring Batch job → the status back on the row; and a worker killed with -9 in the middle.
 */
class CatalogImportWorkerIT {

    record Status(String status, int read, int imported, int rejected) {
    }

    @Test
    void theSweeperEnqueuesAnImportThatWasNeverEnqueuedAndAWorkerRunsIt() throws Exception {
        TestStack.Env env = TestStack.create("sweeper_it");
        try (AppProcess worker = WorkerProcess.start(env, "sweeper", "--platform.intents.sweep-interval=1s",
                "--platform.intents.stale-after=1s")) {
            CatalogCsvFixture fixture = CatalogCsvFixture.generate(50, "Swept Course");
            long id = requestImport(env, "swept", fixture.csv()); // committed, never handed to JobRunr

            Status done = await(env, id, s -> s.status().equals("SUCCEEDED") || s.status().equals("FAILED"),
                    Duration.ofSeconds(90), worker);
            assertThat(done).isEqualTo(new Status("SUCCEEDED", 50, fixture.goodRows(), fixture.badLines().size()));
            // JobRunr records its own state just after the job method returned, so it may trail the row
            assertThat(awaitJobState(env, CatalogImportRequest.INTENT.jobId(id).toString(), "SUCCEEDED",
                    Duration.ofSeconds(30))).isEqualTo("SUCCEEDED");
            assertThat(worker.tail()).contains("sweeper: catalog-import " + id + " was never enqueued");
        }
    }

    @Test
    void aWorkerKilledMidImportLeavesTheImportToAnotherWorkerWithNoDuplicateAndNothingMissing() throws Exception {
        TestStack.Env env = TestStack.create("kill_it");
        CatalogCsvFixture fixture = CatalogCsvFixture.generate(1000, "Crash Course");
        String[] slow = {"--platform.intents.sweep-interval=1s", "--platform.intents.stale-after=1s",
                "--platform.catalog-import.chunk-size=10", "--platform.catalog-import.chunk-pause=80ms"};
        long id;
        Status atKill;
        AppProcess first = WorkerProcess.start(env, "doomed", slow);
        try {
            id = requestImport(env, "crash", fixture.csv());
            atKill = await(env, id, s -> s.read() >= 200, Duration.ofSeconds(90), first);
            first.kill();
        } finally {
            first.close();
        }
        assertThat(atKill.status()).isEqualTo("RUNNING");
        assertThat(atKill.read()).isLessThan(1000);

        try (AppProcess second = WorkerProcess.start(env, "survivor", slow)) {
            Status done = await(env, id, s -> s.status().equals("SUCCEEDED") || s.status().equals("FAILED"),
                    Duration.ofSeconds(240), second);
            assertThat(done).isEqualTo(new Status("SUCCEEDED", 1000, 990, 10));
        }
        assertThat(count(env, "SELECT count(*) FROM courses WHERE source_import_id = ?", id)).isEqualTo(990);
        assertThat(count(env, "SELECT count(DISTINCT source_line) FROM courses WHERE source_import_id = ?", id))
                .isEqualTo(990);
        assertThat(count(env, "SELECT count(*) FROM catalog_import_errors WHERE import_id = ?", id)).isEqualTo(10);
        Map<Integer, String> reported = new HashMap<>();
        try (Connection c = env.connect();
                PreparedStatement ps = c.prepareStatement("SELECT line, field FROM catalog_import_errors WHERE import_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reported.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        assertThat(reported).isEqualTo(fixture.badLines());
        // Spring Batch resumed the stale execution instead of starting over
        assertThat(count(env, "SELECT count(*) FROM batch_job_execution", null)).isEqualTo(2);
        long resumedReads = count(env, """
                SELECT s.read_count FROM batch_step_execution s
                WHERE s.job_execution_id = (SELECT max(job_execution_id) FROM batch_job_execution)
                """, null);
        assertThat(resumedReads).isLessThan(1000 - atKill.read() + 10 + 1);
    }

    private static long requestImport(TestStack.Env env, String name, String csv) throws SQLException {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        String key = "catalog-imports/it/" + name + ".csv";
        new ObjectStore(new StorageProperties(TestStack.S3_ENDPOINT, "platform", "platform-secret", env.bucket(), null))
                .put(key, new ByteArrayInputStream(bytes), bytes.length, "text/csv");
        try (Connection c = env.connect()) {
            long admin;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO users (email, display_name, password_hash) VALUES (?, 'Admin', 'x') RETURNING id")) {
                ps.setString(1, "admin-" + name + "@example.org");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    admin = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO catalog_imports (requested_by, file_name, object_key, size_bytes)
                    VALUES (?, ?, ?, ?) RETURNING id
                    """)) {
                ps.setLong(1, admin);
                ps.setString(2, name + ".csv");
                ps.setString(3, key);
                ps.setLong(4, bytes.length);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    private static Status await(TestStack.Env env, long id, Predicate<Status> until, Duration timeout,
            AppProcess worker) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Status last = null;
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = env.connect(); PreparedStatement ps = c.prepareStatement(
                    "SELECT status, rows_read, rows_imported, rows_rejected FROM catalog_imports WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    last = new Status(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4));
                }
            }
            if (until.test(last)) {
                return last;
            }
            AppProcess.sleep(25);
        }
        throw new AssertionError("import " + id + " still " + last + " after " + timeout + "; worker log: " + worker.tail());
    }

    private static String awaitJobState(TestStack.Env env, String jobId, String wanted, Duration timeout)
            throws SQLException {
        Instant deadline = Instant.now().plus(timeout);
        String state = query(env, "SELECT state FROM jobrunr_jobs WHERE id = ?", jobId);
        while (!wanted.equals(state) && Instant.now().isBefore(deadline)) {
            AppProcess.sleep(50);
            state = query(env, "SELECT state FROM jobrunr_jobs WHERE id = ?", jobId);
        }
        return state;
    }

    private static long count(TestStack.Env env, String sql, Long id) throws SQLException {
        try (Connection c = env.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (id != null) {
                ps.setLong(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String query(TestStack.Env env, String sql, String arg) throws SQLException {
        try (Connection c = env.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
