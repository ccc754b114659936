package org.openlearning.catalogimport.job;

import java.util.List;
import java.util.Map;

import org.openlearning.csv.CsvColumns;

/**
 * The documented column set of a catalog CSV, and the spellings of it found in partner and public
 * catalogs. Columns not listed here are ignored.
 */
final class CatalogColumns {

    static final List<String> DOCUMENTED = List.of("title", "partner", "summary", "description", "skills", "level",
            "language", "category", "rating", "enrollments");
    static final List<String> REQUIRED = List.of("title", "partner");

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("course_title", "title"), Map.entry("name", "title"), Map.entry("course_name", "title"),
            Map.entry("organization", "partner"), Map.entry("course_organization", "partner"),
            Map.entry("institution", "partner"), Map.entry("university", "partner"),
            Map.entry("provider", "partner"), Map.entry("partner_name", "partner"),
            Map.entry("course_summary", "summary"), Map.entry("course_description", "description"),
            Map.entry("course_skills", "skills"), Map.entry("course_difficulty", "level"),
            Map.entry("difficulty", "level"), Map.entry("subject", "category"),
            Map.entry("course_rating", "rating"), Map.entry("enrollment_count", "enrollments"),
            Map.entry("n_enrolled", "enrollments"), Map.entry("course_students_enrolled", "enrollments"),
            Map.entry("num_subscribers", "enrollments"), Map.entry("students", "enrollments"));

    static final CsvColumns COLUMNS = new CsvColumns(DOCUMENTED, ALIASES);

    private CatalogColumns() {
    }

    /** Why a header cannot be imported, or null when it can. */
    static String problemWith(List<String> names) {
        List<String> missing = REQUIRED.stream().filter(r -> !names.contains(r)).toList();
        if (missing.isEmpty()) {
            return null;
        }
        return "the header has no " + String.join(" and no ", missing.stream().map(m -> "'" + m + "'").toList())
                + " column; expected columns: " + String.join(", ", DOCUMENTED);
    }
}
