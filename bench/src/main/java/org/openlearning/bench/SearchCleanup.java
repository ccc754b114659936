package org.openlearning.bench;

import java.sql.Connection;

/** {@code search-cleanup}: removes what the search and reindex benchmarks leave for the next run. */
final class SearchCleanup {

    Report run() throws Exception {
        try (Connection db = Local.connect()) {
            int courses = SearchCatalog.remove(db);
            boolean admin = AdminToken.remove(db);
            Local.log("removed " + courses + " bench courses with their partners and instructors; bench admin "
                    + (admin ? "removed" : "kept (a rebuild record names it)"));
            return new Report().put("removed_courses", courses).put("admin_removed", admin ? 1 : 0)
                    .notes("Deleted the courses " + CourseGenerator.SLUG_PREFIX + "*, their partners and instructors (the "
                            + "outbox relay then marks them deleted in the index) and the bench admin unless a "
                            + "search_reindexes record refers to it.");
        }
    }
}
