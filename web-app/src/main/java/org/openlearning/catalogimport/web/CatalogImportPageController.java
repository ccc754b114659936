package org.openlearning.catalogimport.web;

import org.openlearning.catalogimport.CatalogImportDao;
import org.openlearning.catalogimport.CatalogImports;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admin's import pages: upload a partner catalog, then watch it import, with its row errors live. */
@Controller
class CatalogImportPageController {

    private final CatalogImports catalogImports;
    private final CatalogImportDao imports;

    CatalogImportPageController(CatalogImports catalogImports, CatalogImportDao imports) {
        this.catalogImports = catalogImports;
        this.imports = imports;
    }

    @GetMapping("/admin/imports")
    String list(Model model) {
        model.addAttribute("imports", imports.recent(50));
        return "admin/imports";
    }

    @PostMapping("/admin/imports")
    String upload(@AuthenticationPrincipal PlatformUser admin,
            @RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes redirect) {
        try {
            return "redirect:/admin/imports/" + catalogImports.start(admin, file);
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/admin/imports";
        }
    }

    @GetMapping("/admin/imports/{id}")
    String show(@PathVariable long id, Model model) {
        model.addAttribute("imp", imports.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "admin/import";
    }
}
