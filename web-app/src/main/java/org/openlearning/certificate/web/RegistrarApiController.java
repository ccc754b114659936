package org.openlearning.certificate.web;

import java.util.List;

import org.openlearning.certificate.CertificateBatchDao;
import org.openlearning.certificate.CertificateBatchDao.BatchRow;
import org.openlearning.certificate.CertificateBatchDao.RowError;
import org.openlearning.certificate.CertificateBatches;
import org.openlearning.certificate.CertificateUrls;
import org.openlearning.certificate.Verification;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Registrars over the JSON API: certificate batches (upload, status with row errors) and revocation. */
@RestController
class RegistrarApiController {

    static final int ERRORS_SHOWN = 500;

    record BatchStatus(BatchRow batch, List<RowError> errors, String zipUrl) {
    }

    record Revocation(String reason) {
    }

    private final CertificateBatches certificateBatches;
    private final CertificateBatchDao batches;
    private final CertificateUrls urls;

    RegistrarApiController(CertificateBatches certificateBatches, CertificateBatchDao batches, CertificateUrls urls) {
        this.certificateBatches = certificateBatches;
        this.batches = batches;
        this.urls = urls;
    }

    @PostMapping("/api/registrar/certificate-batches")
    ResponseEntity<BatchStatus> upload(@AuthenticationPrincipal PlatformUser registrar,
            @RequestParam(name = "file", required = false) MultipartFile file) {
        long id = certificateBatches.start(registrar, file);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(status(id));
    }

    @GetMapping("/api/registrar/certificate-batches/{id}")
    BatchStatus status(@PathVariable long id) {
        BatchRow row = batches.findById(id).orElseThrow(() -> ApiException.notFound("no certificate batch " + id));
        return new BatchStatus(row, batches.errors(id, ERRORS_SHOWN), "/registrar/batches/" + id + "/certificates.zip");
    }

    @GetMapping("/api/registrar/certificate-batches")
    List<BatchRow> recent() {
        return batches.recent(50);
    }

    @PostMapping("/api/registrar/certificates/{id}/revocation")
    Verification revoke(@AuthenticationPrincipal PlatformUser registrar, @PathVariable String id,
            @RequestBody(required = false) Revocation body) {
        return Verification.of(id, certificateBatches.revoke(registrar, id, body == null ? null : body.reason()),
                urls.verify(id));
    }
}
