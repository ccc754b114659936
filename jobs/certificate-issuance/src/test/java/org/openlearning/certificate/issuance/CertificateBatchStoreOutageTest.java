package org.openlearning.certificate.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openlearning.certificate.CertificateBatchDao;
import org.openlearning.certificate.CertificateBatchDao.BatchRow;
import org.openlearning.certificate.CertificateIssuanceHandler;
import org.openlearning.storage.ObjectStore;
import org.openlearning.testing.CertificateBatchFixture;
import org.openlearning.testing.S3ProxyProcess;
import org.openlearning.testing.TestStack;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A batch part that cannot store its PDFs (the object store is gone): it fails for JobRunr to retry
 * it while retries are left, leaving the batch RUNNING; on its last attempt it marks the batch
 * FAILED with the reason instead of leaving it RUNNING with lines no job will ever issue.
 */
@SpringBootTest(classes = IssuanceTestApplication.class)
class CertificateBatchStoreOutageTest {

    static final TestStack.Env ENV = TestStack.create("certificate_outage");
    static S3ProxyProcess s3;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) throws Exception {
        ENV.register(registry);
        s3 = S3ProxyProcess.start();
        registry.add("platform.s3.endpoint", s3::endpoint);
        Path keystore = Tools.keystore(Files.createTempDirectory("certificate-keys"), "outage-pass");
        registry.add("platform.certificates.keystore", keystore::toString);
        registry.add("platform.certificates.keystore-password", () -> "outage-pass");
    }

    @AfterAll
    static void stopStore() throws InterruptedException {
        if (s3 != null) {
            s3.close();
        }
    }

    @Autowired
    CertificateIssuanceHandler handler;
    @Autowired
    CertificateBatchDao batches;
    @Autowired
    ObjectStore store;
    @Autowired
    Jdbi jdbi;

    @Test
    void aPartOutOfRetriesFailsTheBatchWithTheReason() throws Exception {
        CertificateBatchFixture fixture;
        try (Connection c = ENV.connect()) {
            fixture = CertificateBatchFixture.create(c, 20, 5, "o" + UUID.randomUUID().toString().substring(0, 6));
        }
        long registrar = jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO users (email, display_name, password_hash) VALUES (:e, 'Registrar', 'x') RETURNING id
                """).bind("e", "registrar-" + UUID.randomUUID() + "@example.org").mapTo(Long.class).one());
        byte[] bytes = fixture.csv().getBytes(StandardCharsets.UTF_8);
        store.put("certificate-batches/test/outage.csv", new ByteArrayInputStream(bytes), bytes.length, "text/csv");
        long batch = batches.insert(registrar, "outage.csv", "certificate-batches/test/outage.csv", bytes.length);
        handler.runBatch(batch);
        assertThat(batches.findById(batch).orElseThrow().parts()).isEqualTo(1);

        s3.kill();

        assertThatThrownBy(() -> handler.renderBatchPart(batch, 0, false))
                .as("retries left: the failure goes to JobRunr").isInstanceOf(Exception.class);
        assertThat(batches.findById(batch).orElseThrow().status()).isEqualTo("RUNNING");

        handler.renderBatchPart(batch, 0, true);
        BatchRow failed = batches.findById(batch).orElseThrow();
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.failureReason()).contains(fixture.good() + " certificates of lines 2 to")
                .contains("could not be issued, after every retry");
    }
}
