package org.openlearning.certificate.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.openlearning.certificate.CertificateDao;
import org.openlearning.certificate.CertificateIds;
import org.openlearning.certificate.CertificateUrls;
import org.openlearning.certificate.Verification;
import org.openlearning.certificate.VerificationLimit;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The public verification page, for people (no sign-in): valid, revoked or unknown. */
@Controller
class VerifyPageController {

    private final CertificateDao certificates;
    private final CertificateUrls urls;
    private final VerificationLimit limit;

    VerifyPageController(CertificateDao certificates, CertificateUrls urls, VerificationLimit limit) {
        this.certificates = certificates;
        this.urls = urls;
        this.limit = limit;
    }

    @GetMapping(path = "/certificates/{id}/verify", produces = MediaType.TEXT_HTML_VALUE)
    String verify(@PathVariable String id, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!limit.allow(request.getRemoteAddr())) {
            response.setStatus(429);
            model.addAttribute("limited", true);
            model.addAttribute("v", Verification.of(id, null, null));
            return "certificate/verify";
        }
        Verification v = Verification.of(id,
                CertificateIds.looksValid(id) ? certificates.findById(id).orElse(null) : null,
                CertificateIds.looksValid(id) ? urls.verify(id) : null);
        if (v.unknown()) {
            response.setStatus(404);
        }
        model.addAttribute("limited", false);
        model.addAttribute("v", v);
        return "certificate/verify";
    }
}
