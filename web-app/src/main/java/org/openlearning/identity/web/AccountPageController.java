package org.openlearning.identity.web;

import org.openlearning.certificate.CertificateDao;
import org.openlearning.certificate.CertificateUrls;
import org.openlearning.error.ApiException;
import org.openlearning.identity.Accounts;
import org.openlearning.identity.PlatformUser;
import org.openlearning.identity.UserDao;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in person's account: their roles, certificates and personal access tokens for the API. */
@Controller
class AccountPageController {

    private final Accounts accounts;
    private final UserDao users;
    private final CertificateDao certificates;
    private final CertificateUrls certificateUrls;

    AccountPageController(Accounts accounts, UserDao users, CertificateDao certificates, CertificateUrls certificateUrls) {
        this.accounts = accounts;
        this.users = users;
        this.certificates = certificates;
        this.certificateUrls = certificateUrls;
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal PlatformUser user, Model model) {
        model.addAttribute("tokens", users.tokens(user.id()));
        model.addAttribute("certificates", certificates.ofLearner(user.id()));
        model.addAttribute("certificateUrls", certificateUrls);
        return "identity/account";
    }

    @PostMapping("/account/tokens")
    String createToken(@AuthenticationPrincipal PlatformUser user, @RequestParam(defaultValue = "") String name,
            RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("newToken", accounts.issueToken(user.id(), name, null));
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/account";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revoke(@AuthenticationPrincipal PlatformUser user, @PathVariable long id) {
        accounts.revokeToken(user.id(), id);
        return "redirect:/account";
    }
}
