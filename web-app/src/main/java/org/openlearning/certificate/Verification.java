package org.openlearning.certificate;

import java.time.Instant;
import java.time.LocalDate;

import org.openlearning.certificate.CertificateDao.CertificateRow;

/**
 * What the public verification answers about a certificate id: VALID, REVOKED (with when and why)
 * or UNKNOWN. Never the learner's e-mail address or account.
 */
public record Verification(String certificateId, String status, String learnerName, String courseTitle,
        String partnerName, LocalDate completedOn, Instant issuedAt, String sha256, Instant revokedAt,
        String revocationReason, String verifyUrl) {

    public static Verification of(String id, CertificateRow row, String verifyUrl) {
        if (row == null || !row.issued()) {
            return new Verification(id, "UNKNOWN", null, null, null, null, null, null, null, null, verifyUrl);
        }
        return new Verification(row.id(), row.revoked() ? "REVOKED" : "VALID", row.learnerName(), row.courseTitle(),
                row.partnerName(), row.completedOn(), row.issuedAt(), row.sha256(), row.revokedAt(),
                row.revocationReason(), verifyUrl);
    }

    public boolean valid() {
        return "VALID".equals(status);
    }

    public boolean revoked() {
        return "REVOKED".equals(status);
    }

    public boolean unknown() {
        return "UNKNOWN".equals(status);
    }
}
