package org.openlearning.certificate.web;

import java.io.InputStream;

import org.openlearning.certificate.CertificateBatchDao;
import org.openlearning.certificate.CertificateBatches;
import org.openlearning.certificate.CertificateDao;
import org.openlearning.certificate.CertificateDao.CertificateRow;
import org.openlearning.certificate.CertificateIds;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.identity.Role;
import org.openlearning.storage.ObjectStore;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Registrars' pages (batches, upload, live batch progress, ZIP of a batch, revocation) and the PDF
 * download of one certificate (its learner, registrars and admins).
 */
@Controller
class RegistrarPageController {

    private final CertificateBatches certificateBatches;
    private final CertificateBatchDao batches;
    private final CertificateDao certificates;
    private final ObjectStore store;

    RegistrarPageController(CertificateBatches certificateBatches, CertificateBatchDao batches,
            CertificateDao certificates, ObjectStore store) {
        this.certificateBatches = certificateBatches;
        this.batches = batches;
        this.certificates = certificates;
        this.store = store;
    }

    @GetMapping("/registrar")
    String list(Model model) {
        model.addAttribute("batches", batches.recent(50));
        return "certificate/registrar";
    }

    @PostMapping("/registrar/batches")
    String upload(@AuthenticationPrincipal PlatformUser registrar,
            @RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes redirect) {
        try {
            return "redirect:/registrar/batches/" + certificateBatches.start(registrar, file);
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/registrar";
        }
    }

    @GetMapping("/registrar/batches/{id}")
    String show(@PathVariable long id, Model model) {
        model.addAttribute("batch", batches.findById(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "certificate/batch";
    }

    @GetMapping("/registrar/batches/{id}/certificates.zip")
    ResponseEntity<StreamingResponseBody> zip(@PathVariable long id) {
        batches.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("certificate-batch-" + id + ".zip").build().toString())
                .body(out -> certificateBatches.writeZip(id, out));
    }

    @PostMapping("/registrar/revocations")
    String revoke(@AuthenticationPrincipal PlatformUser registrar,
            @RequestParam(name = "certificate_id", defaultValue = "") String certificateId,
            @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        try {
            CertificateRow row = certificateBatches.revoke(registrar, certificateId, reason);
            // flash attributes live in the (serialized) session: plain strings only
            redirect.addFlashAttribute("revokedId", row.id());
            redirect.addFlashAttribute("revokedSummary", row.learnerName() + " (" + row.courseTitle() + ")");
        } catch (ApiException e) {
            redirect.addFlashAttribute("revokeError", e.getMessage());
        }
        return "redirect:/registrar";
    }

    @GetMapping("/certificates/{id}/pdf")
    ResponseEntity<InputStreamResource> pdf(@AuthenticationPrincipal PlatformUser user, @PathVariable String id) {
        CertificateRow row = (CertificateIds.looksValid(id) ? certificates.findById(id) : java.util.Optional.<CertificateRow>empty())
                .filter(CertificateRow::issued)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (row.userId() != user.id() && !user.has(Role.REGISTRAR) && !user.isAdmin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        InputStream in = store.open(row.objectKey());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("certificate-" + row.id() + ".pdf").build().toString())
                .body(new InputStreamResource(in));
    }
}
