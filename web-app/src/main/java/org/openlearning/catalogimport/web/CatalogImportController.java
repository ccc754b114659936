package org.openlearning.catalogimport.web;

import java.util.List;

import org.openlearning.catalogimport.CatalogImportDao;
import org.openlearning.catalogimport.CatalogImportDao.ImportRow;
import org.openlearning.catalogimport.CatalogImportDao.RowError;
import org.openlearning.catalogimport.CatalogImports;
import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Catalog imports over the JSON API (admins): upload a CSV, follow its status and row errors. */
@RestController
class CatalogImportController {

    static final int ERRORS_SHOWN = 500;

    record ImportStatus(ImportRow catalogImport, List<RowError> errors) {
    }

    private final CatalogImports catalogImports;
    private final CatalogImportDao imports;

    CatalogImportController(CatalogImports catalogImports, CatalogImportDao imports) {
        this.catalogImports = catalogImports;
        this.imports = imports;
    }

    @PostMapping("/api/admin/catalog-imports")
    ResponseEntity<ImportStatus> upload(@AuthenticationPrincipal PlatformUser admin,
            @RequestParam(name = "file", required = false) MultipartFile file) {
        long id = catalogImports.start(admin, file);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(status(id));
    }

    @GetMapping("/api/admin/catalog-imports/{id}")
    ImportStatus status(@PathVariable long id) {
        ImportRow row = imports.findById(id).orElseThrow(() -> ApiException.notFound("no catalog import " + id));
        return new ImportStatus(row, imports.errors(id, ERRORS_SHOWN));
    }

    @GetMapping("/api/admin/catalog-imports")
    List<ImportRow> recent() {
        return imports.recent(50);
    }
}
