package org.openlearning.web;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.openlearning.certificate.CertificateIds;
import org.openlearning.storage.ObjectStore;

/**
 * Issued certificates as the certificate-issuance job leaves them (row, stored file, SHA-256), for
 * the web app's tests; the web app never renders PDFs, the job module's tests check real ones.
 */
final class CertificateFixtures {

    record Issued(String id, String sha256, byte[] bytes) {
    }

    private CertificateFixtures() {
    }

    static Issued issue(WebTest test, ObjectStore store, long userId, long courseId, String name, Long batchId,
            Integer line) throws Exception {
        String id = CertificateIds.next();
        byte[] bytes = ("%PDF-1.7 stand-in for certificate " + id).getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String key = "certificates/" + id + "/" + sha.substring(0, 16) + ".pdf";
        store.put(key, new ByteArrayInputStream(bytes), bytes.length, "application/pdf");
        test.sql("""
                INSERT INTO certificates (id, user_id, course_id, learner_name, course_title, partner_name, completed_on,
                                          batch_id, batch_line, issued_at, object_key, sha256)
                VALUES (?, ?, ?, ?, 'Signals and Systems', 'Universidad de Señales', DATE '2026-11-02', ?, ?, now(), ?, ?)
                """, id, userId, courseId, name, batchId, line, key, sha);
        return new Issued(id, sha, bytes);
    }
}
