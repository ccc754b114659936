package org.openlearning.certificate.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.openlearning.certificate.CertificateBatchDao;
import org.openlearning.certificate.CertificateBatchDao.BatchRow;
import org.openlearning.certificate.CertificateDao;
import org.openlearning.certificate.CertificateDao.CertificateRow;
import org.openlearning.certificate.CertificateIssuanceHandler;
import org.openlearning.storage.ObjectStore;
import org.openlearning.testing.CertificateBatchFixture;
import org.openlearning.testing.TestStack;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Issuance from completion and from registrar batches, against real PostgreSQL and the S3 store, called as JobRunr would. */
@SpringBootTest(classes = IssuanceTestApplication.class)
class CertificateIssuanceTest {

    static final TestStack.Env ENV = TestStack.create("certificate_issuance");

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) throws Exception {
        ENV.register(registry);
        Path keys = Files.createTempDirectory("certificate-keys");
        Path keystore = Tools.keystore(keys, "issuance-pass");
        registry.add("platform.certificates.keystore", keystore::toString);
        registry.add("platform.certificates.keystore-password", () -> "issuance-pass");
    }

    @Autowired
    CertificateIssuanceHandler handler;
    @Autowired
    CertificateDao certificates;
    @Autowired
    CertificateBatchDao batches;
    @Autowired
    ObjectStore store;
    @Autowired
    Jdbi jdbi;

    private long completedRequest(String name) {
        return jdbi.inTransaction(h -> {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            long user = h.createQuery("INSERT INTO users (email, display_name, password_hash) VALUES (:e, :n, 'x') RETURNING id")
                    .bind("e", "done-" + tag + "@example.org").bind("n", name).mapTo(Long.class).one();
            long partner = h.createQuery("INSERT INTO partners (slug, name) VALUES (:s, 'École Polytechnique') RETURNING id")
                    .bind("s", "p-" + tag).mapTo(Long.class).one();
            long course = h.createQuery("""
                    INSERT INTO courses (slug, title, partner_id, status, published_at)
                    VALUES (:s, 'Distributed Systems', :p, 'PUBLISHED', now()) RETURNING id""")
                    .bind("s", "c-" + tag).bind("p", partner).mapTo(Long.class).one();
            long enrollment = h.createQuery("""
                    INSERT INTO enrollments (user_id, course_id, status, completed_at) VALUES (:u, :c, 'COMPLETED', now())
                    RETURNING id""").bind("u", user).bind("c", course).mapTo(Long.class).one();
            return h.createQuery("INSERT INTO certificate_requests (enrollment_id) VALUES (:e) RETURNING id")
                    .bind("e", enrollment).mapTo(Long.class).one();
        });
    }

    private CertificateRow certificateOf(long requestId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT c.id FROM certificates c JOIN enrollments e ON e.user_id = c.user_id AND e.course_id = c.course_id
                JOIN certificate_requests r ON r.enrollment_id = e.id WHERE r.id = :id""")
                .bind("id", requestId).mapTo(String.class).list())
                .stream().map(id -> certificates.findById(id).orElseThrow()).reduce((x, y) -> {
                    throw new AssertionError("two certificates for one learner and course");
                }).orElseThrow();
    }

    @Test
    void completionIssuesExactlyOneCertificateAndARetryChangesNothing() throws Exception {
        long request = completedRequest("Дмитрий Шостакович");

        handler.issueRequested(request);
        CertificateRow first = certificateOf(request);
        handler.issueRequested(request);
        // a retry that finds the request RUNNING again (a worker died after storing) also changes nothing
        jdbi.useHandle(h -> h.execute("UPDATE certificate_requests SET status = 'RUNNING' WHERE id = ?", request));
        handler.issueRequested(request);
        CertificateRow again = certificateOf(request);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.sha256()).isEqualTo(first.sha256()).hasSize(64);
        assertThat(again.learnerName()).isEqualTo("Дмитрий Шостакович");
        String status = jdbi.withHandle(h -> h.createQuery("SELECT status FROM certificate_requests WHERE id = :id")
                .bind("id", request).mapTo(String.class).one());
        assertThat(status).isEqualTo("ISSUED");
        try (InputStream in = store.open(again.objectKey())) {
            assertThat(CertificateRenderer.sha256(in.readAllBytes())).isEqualTo(again.sha256());
        }
        int notifications = jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM notifications WHERE user_id = :u AND kind = 'CERTIFICATE'")
                .bind("u", again.userId()).mapTo(Integer.class).one());
        assertThat(notifications).isEqualTo(1);
    }

    @Test
    void aThousandRowBatchIssuesTheGoodRowsAndReportsTheBadOnesByLine() throws Exception {
        CertificateBatchFixture fixture;
        try (Connection c = ENV.connect()) {
            fixture = CertificateBatchFixture.create(c, 1000, 10, "t" + UUID.randomUUID().toString().substring(0, 6));
        }
        long batch = upload("thousand", fixture.csv());

        handler.runBatch(batch);
        BatchRow validated = batches.findById(batch).orElseThrow();
        assertThat(validated.parts()).isEqualTo(10);
        for (int part = 0; part < validated.parts(); part++) {
            handler.renderBatchPart(batch, part, false);
        }
        // JobRunr may run a part twice (a retry, a dead worker): nothing changes
        handler.renderBatchPart(batch, 3, false);
        handler.runBatch(batch);

        BatchRow done = batches.findById(batch).orElseThrow();
        assertThat(done.status()).isEqualTo("SUCCEEDED");
        assertThat(done.rowsRead()).isEqualTo(1000);
        assertThat(done.rowsAccepted()).isEqualTo(fixture.good());
        assertThat(done.rowsRejected()).isEqualTo(fixture.badLines().size());
        assertThat(done.issued()).isEqualTo(fixture.good());
        Map<Integer, String> reported = batches.errors(batch, 1000).stream()
                .collect(Collectors.toMap(CertificateBatchDao.RowError::line, CertificateBatchDao.RowError::field));
        assertThat(reported).isEqualTo(fixture.badLines());
        try (Connection c = ENV.connect()) {
            assertThat(CertificateBatchFixture.counts(c, batch)).containsExactly(fixture.good(), fixture.good(), 0);
        }
        CertificateRow forced = jdbi.withHandle(h -> h.createQuery("SELECT id FROM certificates WHERE batch_id = :b AND batch_line = 4")
                .bind("b", batch).mapTo(String.class).one()).transform(id -> certificates.findById(id).orElseThrow());
        assertThat(forced.forcedReason()).isEqualTo("registrar decision, 2026-11");
        assertThat(forced.courseTitle()).isEqualTo("Control Theory");
        CertificateRow renamed = jdbi.withHandle(h -> h.createQuery("SELECT id FROM certificates WHERE batch_id = :b AND batch_line = 6")
                .bind("b", batch).mapTo(String.class).one()).transform(id -> certificates.findById(id).orElseThrow());
        assertThat(renamed.learnerName()).isEqualTo("Ελένη Παπαδοπούλου");
        assertThat(batches.errors(batch, 5).getFirst().reason()).contains("no learner has the e-mail");
    }

    @Test
    void aFileWithoutTheColumnsFailsAtOnceWithTheReason() throws Exception {
        long batch = upload("bad-header", "learner;course\na@b.c;x\n");

        handler.runBatch(batch);

        BatchRow row = batches.findById(batch).orElseThrow();
        assertThat(row.status()).isEqualTo("FAILED");
        assertThat(row.failureReason()).contains("'email'").contains("'course'");
    }

    private long upload(String name, String csv) {
        long registrar = jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO users (email, display_name, password_hash) VALUES (:e, 'Registrar', 'x')
                ON CONFLICT (email) DO UPDATE SET display_name = excluded.display_name RETURNING id
                """).bind("e", "registrar-" + name + "@example.org").mapTo(Long.class).one());
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        String key = "certificate-batches/test/" + name + ".csv";
        store.put(key, new ByteArrayInputStream(bytes), bytes.length, "text/csv");
        return batches.insert(registrar, name + ".csv", key, bytes.length);
    }
}
