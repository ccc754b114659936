package org.openlearning.search.admin;

import org.openlearning.identity.PlatformUser;
import org.openlearning.search.SearchReindexDao;
import org.openlearning.search.SearchReindexes;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin's search page: which index serves searches, how far the outbox lags, the rebuilds with
 * their live progress, and a button that asks for a full rebuild (one at a time: a second click
 * while one waits or runs is answered with a message, not an error).
 */
@Controller
class SearchAdminPageController {

    private final SearchOverview overview;
    private final SearchReindexes reindexes;
    private final SearchReindexDao reindexDao;

    SearchAdminPageController(SearchOverview overview, SearchReindexes reindexes, SearchReindexDao reindexDao) {
        this.overview = overview;
        this.reindexes = reindexes;
        this.reindexDao = reindexDao;
    }

    @GetMapping("/admin/search")
    String page(Model model) {
        model.addAttribute("search", overview.current());
        return "admin/search";
    }

    @PostMapping("/admin/search/reindexes")
    String rebuild(@AuthenticationPrincipal PlatformUser admin, RedirectAttributes redirect) {
        reindexes.request(SearchReindexes.Kind.MANUAL, admin.id()).ifPresentOrElse(
                id -> redirect.addFlashAttribute("message", "Rebuild #" + id + " requested. Searches keep using the "
                        + "current index until the new one is complete."),
                () -> redirect.addFlashAttribute("error", "A rebuild is already "
                        + reindexDao.active().map(r -> "waiting or running (#" + r.id() + ", " + r.status() + ")")
                                .orElse("on its way")
                        + ": wait for it to finish before asking for another."));
        return "redirect:/admin/search";
    }
}
