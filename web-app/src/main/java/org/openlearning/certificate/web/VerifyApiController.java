package org.openlearning.certificate.web;

import jakarta.servlet.http.HttpServletRequest;

import org.openlearning.certificate.CertificateDao;
import org.openlearning.certificate.CertificateIds;
import org.openlearning.certificate.CertificateUrls;
import org.openlearning.certificate.Verification;
import org.openlearning.certificate.VerificationLimit;
import org.openlearning.error.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public verification as JSON ({@code Accept: application/json}): 200 with VALID or REVOKED,
 * 404 with UNKNOWN; 429 when the client asks too often.
 */
@RestController
class VerifyApiController {

    private final CertificateDao certificates;
    private final CertificateUrls urls;
    private final VerificationLimit limit;

    VerifyApiController(CertificateDao certificates, CertificateUrls urls, VerificationLimit limit) {
        this.certificates = certificates;
        this.urls = urls;
        this.limit = limit;
    }

    @GetMapping(path = {"/certificates/{id}/verify", "/api/certificates/{id}/verify"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Verification> verify(@PathVariable String id, HttpServletRequest request) {
        if (!limit.allow(request.getRemoteAddr())) {
            throw ApiException.tooManyRequests("too many verifications from this address; try again in a minute");
        }
        boolean wellFormed = CertificateIds.looksValid(id);
        Verification v = Verification.of(wellFormed ? id : null,
                wellFormed ? certificates.findById(id).orElse(null) : null, wellFormed ? urls.verify(id) : null);
        return ResponseEntity.status(v.unknown() ? HttpStatus.NOT_FOUND : HttpStatus.OK).body(v);
    }
}
