package org.openlearning.certificate.issuance;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.openlearning.certificate.CertificateDao;
import org.openlearning.certificate.CertificateDao.CertificateRow;
import org.openlearning.certificate.CertificateIds;
import org.openlearning.certificate.CertificateRequestDao;
import org.openlearning.certificate.CertificateRequestDao.RequestRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Issues the certificate a course completion asked for ({@code certificate_requests}). The
 * certificate row is keyed by learner and course, so retries, a second request or a registrar's
 * batch for the same learner and course all end at the same certificate.
 */
@Component
class CompletionCertificates {

    private static final Logger log = LoggerFactory.getLogger(CompletionCertificates.class);

    private final CertificateRequestDao requests;
    private final CertificateDao certificates;
    private final CertificateIssuer issuer;
    private final Jdbi jdbi;

    CompletionCertificates(CertificateRequestDao requests, CertificateDao certificates, CertificateIssuer issuer,
            Jdbi jdbi) {
        this.requests = requests;
        this.certificates = certificates;
        this.issuer = issuer;
        this.jdbi = jdbi;
    }

    void issue(long requestId) throws Exception {
        RequestRow request = requests.findById(requestId).orElse(null);
        if (request == null || request.finished()) {
            log.info("certificate request {} is {}: nothing to do", requestId, request == null ? "gone" : request.status());
            return;
        }
        requests.markRunning(requestId);
        LocalDate completedOn = request.completedAt() == null ? LocalDate.now(ZoneOffset.UTC)
                : request.completedAt().atOffset(ZoneOffset.UTC).toLocalDate();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO certificates (id, user_id, course_id, learner_name, course_title, partner_name,
                                                  completed_on, request_id)
                        VALUES (:id, :userId, :courseId, :name, :title, :partner, :completedOn, :requestId)
                        ON CONFLICT (user_id, course_id) DO NOTHING
                        """)
                .bind("id", CertificateIds.next()).bind("userId", request.userId()).bind("courseId", request.courseId())
                .bind("name", request.learnerName()).bind("title", request.courseTitle())
                .bind("partner", request.partnerName()).bind("completedOn", completedOn).bind("requestId", requestId)
                .execute());
        CertificateRow certificate = certificates.find(request.userId(), request.courseId()).orElseThrow();
        try {
            if (!certificate.issued()) {
                issuer.issue(List.of(certificate));
            }
        } catch (IllegalStateException e) {
            // no font, no key: retrying will not help until the configuration is fixed
            requests.fail(requestId, e.getMessage());
            log.error("certificate request {} failed: {}", requestId, e.getMessage());
            return;
        }
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            INSERT INTO notifications (user_id, kind, title, body, link)
                            SELECT :userId, 'CERTIFICATE', 'Your certificate for ' || :title || ' is ready',
                                   'Download it or share its verification link from your account page.', :link
                            WHERE NOT EXISTS (SELECT 1 FROM notifications
                                              WHERE user_id = :userId AND kind = 'CERTIFICATE' AND link = :link)
                            """)
                    .bind("userId", request.userId()).bind("title", certificate.courseTitle())
                    .bind("link", "/certificates/" + certificate.id() + "/verify")
                    .execute();
            h.attach(CertificateRequestDao.class).markIssued(requestId);
        });
        log.info("certificate request {}: certificate {} issued", requestId, certificate.id());
    }
}
