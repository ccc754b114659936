package org.openlearning.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openlearning.storage.ObjectStore;
import org.openlearning.storage.StorageProperties;
import org.openlearning.testing.AppProcess;
import org.openlearning.testing.CertificateBatchFixture;
import org.openlearning.testing.TestStack;
import org.openlearning.worker.CertificateWorkers.BatchStatus;

/**
 * Certificates with real worker processes: a completion request issued through the sweeper and
 * JobRunr, and a 1,000-row registrar batch whose worker is killed with -9 midway; another worker
 * finishes it with every good row issued once and every bad row reported.
 */
class CertificateWorkerIT {

    @Test
    void aWorkerKilledMidBatchLeavesItToAnotherWithNoDuplicateAndACompletionIsIssuedOnce() throws Exception {
        TestStack.Env env = TestStack.create("certificate_kill_it");
        Path keystore = CertificateWorkers.keystore();
        String tag = "k" + UUID.randomUUID().toString().substring(0, 6);
        CertificateBatchFixture fixture;
        // small parts and one rendering thread: the kill lands while parts are in flight
        String[] slow = {"--platform.certificates.part-size=50", "--platform.certificates.chunk-size=50",
                "--platform.certificates.render-threads=1"};
        long batch;
        long request;
        BatchStatus atKill;
        AppProcess first = CertificateWorkers.start(env, "doomed", keystore, slow);
        try {
            try (Connection c = env.connect()) { // the worker has migrated the database
                fixture = CertificateBatchFixture.create(c, 1000, 10, tag);
            }
            batch = requestBatch(env, "kill", fixture.csv());
            request = requestCompletion(env, tag);
            atKill = CertificateWorkers.await(env, batch, s -> s.issued() >= 150, Duration.ofSeconds(240), first);
            first.kill();
        } finally {
            first.close();
        }
        assertThat(atKill.status()).isEqualTo("RUNNING");
        assertThat(atKill.issued()).isLessThan(fixture.good());

        try (AppProcess second = CertificateWorkers.start(env, "survivor", keystore)) {
            BatchStatus done = CertificateWorkers.await(env, batch, BatchStatus::finished, Duration.ofSeconds(420), second);
            assertThat(done).isEqualTo(new BatchStatus("SUCCEEDED", 1000, fixture.good(), fixture.badLines().size(),
                    fixture.good()));
            awaitRequestIssued(env, request, second);
        }
        assertThat(CertificateWorkers.count(env, "SELECT count(*) FROM certificates WHERE batch_id = ?", batch))
                .isEqualTo(fixture.good());
        assertThat(CertificateWorkers.count(env,
                "SELECT count(*) FROM (SELECT 1 FROM certificates GROUP BY user_id, course_id HAVING count(*) > 1) d"))
                .isZero();
        assertThat(CertificateWorkers.count(env,
                "SELECT count(DISTINCT batch_line) FROM certificates WHERE batch_id = ? AND sha256 IS NOT NULL", batch))
                .isEqualTo(fixture.good());
        Map<Integer, String> reported = new HashMap<>();
        try (Connection c = env.connect();
                PreparedStatement ps = c.prepareStatement("SELECT line, field FROM certificate_batch_errors WHERE batch_id = ?")) {
            ps.setLong(1, batch);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reported.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        assertThat(reported).isEqualTo(fixture.badLines());
        // the completion got one certificate, whatever the sweeps and retries
        assertThat(CertificateWorkers.count(env, """
                SELECT count(*) FROM certificates c JOIN enrollments e ON e.user_id = c.user_id AND e.course_id = c.course_id
                JOIN certificate_requests r ON r.enrollment_id = e.id WHERE r.id = ? AND c.sha256 IS NOT NULL""", request))
                .isEqualTo(1);
    }

    private static void awaitRequestIssued(TestStack.Env env, long request, AppProcess worker) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (CertificateWorkers.count(env,
                    "SELECT count(*) FROM certificate_requests WHERE id = ? AND status = 'ISSUED'", request) == 1) {
                return;
            }
            AppProcess.sleep(200);
        }
        throw new AssertionError("certificate request " + request + " not issued; worker log: " + worker.tail());
    }

    /** A learner who completed a course, and the certificate request that completion writes (never enqueued). */
    private static long requestCompletion(TestStack.Env env, String tag) throws Exception {
        try (Connection c = env.connect(); PreparedStatement ps = c.prepareStatement("""
                WITH u AS (INSERT INTO users (email, display_name, password_hash)
                           VALUES ('finisher-' || ? || '@example.org', 'Ελένη Παπαδοπούλου', 'x') RETURNING id),
                     co AS (INSERT INTO courses (slug, title, status, published_at)
                            VALUES ('finished-' || ?, 'Finished Course', 'PUBLISHED', now()) RETURNING id),
                     e AS (INSERT INTO enrollments (user_id, course_id, status, completed_at)
                           SELECT u.id, co.id, 'COMPLETED', now() FROM u, co RETURNING id)
                INSERT INTO certificate_requests (enrollment_id) SELECT id FROM e RETURNING id""")) {
            ps.setString(1, tag);
            ps.setString(2, tag);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A batch as the web app writes it: the CSV stored, the row REQUESTED (the sweeper enqueues it). */
    static long requestBatch(TestStack.Env env, String name, String csv) throws Exception {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        String key = "certificate-batches/it/" + name + ".csv";
        new ObjectStore(new StorageProperties(TestStack.S3_ENDPOINT, "platform", "platform-secret", env.bucket(), null))
                .put(key, new ByteArrayInputStream(bytes), bytes.length, "text/csv");
        try (Connection c = env.connect(); PreparedStatement ps = c.prepareStatement("""
                WITH r AS (INSERT INTO users (email, display_name, password_hash)
                           VALUES ('registrar-' || ? || '@example.org', 'Registrar', 'x') RETURNING id)
                INSERT INTO certificate_batches (requested_by, file_name, object_key, size_bytes)
                SELECT r.id, ?, ?, ? FROM r RETURNING id""")) {
            ps.setString(1, name + UUID.randomUUID().toString().substring(0, 4));
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
