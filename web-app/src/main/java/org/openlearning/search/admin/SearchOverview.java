package org.openlearning.search.admin;

import java.util.List;
import java.util.Set;

import org.openlearning.search.CourseIndex;
import org.openlearning.search.SearchReindexDao;
import org.openlearning.search.SearchReindexDao.Backlog;
import org.openlearning.search.SearchReindexDao.Reindex;
import org.springframework.stereotype.Component;

/**
 * What the admin's search page shows: the alias and the index behind it (asked of OpenSearch, which
 * may be away: the page still renders and says so), the outbox backlog and the recent rebuilds.
 */
@Component
class SearchOverview {

    static final int RECENT = 20;

    /** The page's model; {@code indices} is null and {@code searchError} set when OpenSearch did not answer. */
    record Overview(String alias, Set<String> indices, String searchError, Backlog backlog, List<Reindex> reindexes,
            Reindex active) {
    }

    private final CourseIndex index;
    private final SearchReindexDao reindexes;

    SearchOverview(CourseIndex index, SearchReindexDao reindexes) {
        this.index = index;
        this.reindexes = reindexes;
    }

    Overview current() {
        Set<String> indices = null;
        String searchError = null;
        try {
            indices = index.aliasedIndices();
        } catch (RuntimeException e) {
            searchError = "OpenSearch did not answer: " + e.getMessage();
        }
        List<Reindex> recent = reindexes.recent(RECENT);
        Reindex active = recent.stream().filter(r -> !r.finished()).findFirst().orElse(null);
        return new Overview(index.alias(), indices, searchError, reindexes.backlog(), recent, active);
    }
}
