package org.openlearning.search.admin;

import java.util.List;

import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.search.SearchReindexDao;
import org.openlearning.search.SearchReindexDao.Reindex;
import org.openlearning.search.SearchReindexes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Search-index rebuilds over the JSON API (admins): ask for one (202 with the run; 409 while another
 * waits or runs) and list the recent ones, which the admin page polls for its progress bars.
 */
@RestController
class SearchAdminController {

    private final SearchReindexes reindexes;
    private final SearchReindexDao reindexDao;

    SearchAdminController(SearchReindexes reindexes, SearchReindexDao reindexDao) {
        this.reindexes = reindexes;
        this.reindexDao = reindexDao;
    }

    @PostMapping("/api/admin/search/reindexes")
    ResponseEntity<Reindex> rebuild(@AuthenticationPrincipal PlatformUser admin) {
        long id = reindexes.request(SearchReindexes.Kind.MANUAL, admin.id()).orElseThrow(() -> ApiException.conflict(
                null, "a search index rebuild is already "
                        + reindexDao.active().map(r -> "waiting or running (#" + r.id() + ", " + r.status() + ")")
                                .orElse("on its way")));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(reindexDao.findById(id).orElseThrow());
    }

    @GetMapping("/api/admin/search/reindexes")
    List<Reindex> recent() {
        return reindexDao.recent(SearchOverview.RECENT);
    }
}
