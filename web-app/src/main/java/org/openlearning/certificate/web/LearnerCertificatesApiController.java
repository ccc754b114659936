package org.openlearning.certificate.web;

import java.util.List;

import org.openlearning.certificate.CertificateDao;
import org.openlearning.certificate.CertificateUrls;
import org.openlearning.identity.PlatformUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own certificates, with their download and share (verification) links. */
@RestController
class LearnerCertificatesApiController {

    record MyCertificate(String id, String courseTitle, String partnerName, java.time.LocalDate completedOn,
            java.time.Instant issuedAt, String status, String downloadUrl, String verifyUrl) {
    }

    private final CertificateDao certificates;
    private final CertificateUrls urls;

    LearnerCertificatesApiController(CertificateDao certificates, CertificateUrls urls) {
        this.certificates = certificates;
        this.urls = urls;
    }

    @GetMapping("/api/me/certificates")
    List<MyCertificate> mine(@AuthenticationPrincipal PlatformUser user) {
        return certificates.ofLearner(user.id()).stream()
                .map(c -> new MyCertificate(c.id(), c.courseTitle(), c.partnerName(), c.completedOn(), c.issuedAt(),
                        !c.issued() ? "PENDING" : c.revoked() ? "REVOKED" : "VALID",
                        c.issued() ? "/certificates/" + c.id() + "/pdf" : null, urls.verify(c.id())))
                .toList();
    }
}
