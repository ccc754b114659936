package org.openlearning.catalogimport.job;

import java.math.BigDecimal;
import java.util.List;

import org.openlearning.catalog.Level;

/** What a CSV record becomes: a course to import or a rejection with its reason. */
sealed interface ImportItem {

    int line();

    record Course(int line, String slug, String title, String partnerSlug, String partnerName, String summary,
            String description, List<String> skills, Level level, String language, String category,
            BigDecimal rating, long enrollments) implements ImportItem {
    }

    record Rejected(int line, String field, String reason) implements ImportItem {
    }
}
