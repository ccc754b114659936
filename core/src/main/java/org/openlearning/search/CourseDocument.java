package org.openlearning.search;

import java.util.List;

/**
 * A course as the search index holds it. Every course has one, published or not: a course that is
 * no longer published stays in the index with its status (searches filter on it), so that a late,
 * older write can never bring back a course that was unpublished meanwhile (see
 * {@code search_version}).
 */
public record CourseDocument(long id, String slug, String title, String summary, String description, String partner,
        String partnerSlug, String category, String level, String language, List<String> skills,
        List<String> instructors, Double rating, long enrollmentCount, String publishedAt, String status) {

    public static final String PUBLISHED = "PUBLISHED";

    /** What a course that no longer exists is indexed as. */
    public static CourseDocument deleted(long id) {
        return new CourseDocument(id, null, null, null, null, null, null, null, null, null, List.of(), List.of(),
                null, 0, null, "DELETED");
    }

    public boolean published() {
        return PUBLISHED.equals(status);
    }
}
