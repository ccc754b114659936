package org.openlearning.search;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

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

    /**
     * The partner's slug and name in one keyword ({@code slug|name}): one terms aggregation then gives
     * the partner facet with the names to show (a sub-aggregation per partner for its name cost more
     * than the other three facets together).
     */
    @JsonProperty(value = "partner_facet", access = JsonProperty.Access.READ_ONLY)
    public String partnerFacet() {
        return partnerSlug == null ? null : partnerSlug + "|" + (partner == null ? partnerSlug : partner);
    }

    public boolean published() {
        return PUBLISHED.equals(status);
    }
}
