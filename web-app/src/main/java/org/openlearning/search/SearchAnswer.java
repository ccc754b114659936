package org.openlearning.search;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openlearning.catalog.Level;

/**
 * One page of catalog search as the API and the catalog page show it, whichever backend answered.
 *
 * @param source {@code search} (OpenSearch) or {@code database} (the PostgreSQL fallback)
 * @param notice null, or a sentence telling people that search is limited right now (fallback answers)
 */
public record SearchAnswer(List<Item> items, int page, int size, long total, long pages,
        Map<String, List<CourseSearch.Facet>> facets, String source, String notice) {

    public static final String SEARCH = "search";
    public static final String DATABASE = "database";
    public static final String LIMITED = "Search is limited right now: results come from a simpler search "
            + "without typo tolerance. Filters, sorting and paging still work.";

    /**
     * A course in a result list. {@code partnerName} repeats {@code partner} for clients of the earlier
     * catalog listing; {@code highlights} holds HTML-escaped fragments with {@code <mark>} (title,
     * description), only when there is free text.
     */
    public record Item(long id, String slug, String title, String summary, String partner, String partnerName,
            String partnerSlug, String category, String level, String language, List<String> skills, Double rating,
            long enrollmentCount, String publishedAt, Map<String, String> highlights) {

        static Item of(CourseDocument d, Map<String, String> highlights) {
            return new Item(d.id(), d.slug(), d.title(), d.summary(), d.partner(), d.partner(), d.partnerSlug(),
                    d.category(), d.level(), d.language(), d.skills() == null ? List.of() : d.skills(), d.rating(),
                    d.enrollmentCount(), d.publishedAt(), highlights);
        }

        /** "Beginner" for BEGINNER; what the cards show. */
        public String levelLabel() {
            return level == null ? "" : Level.parse(level).map(Level::label).orElse(level);
        }
    }

    public boolean fromDatabase() {
        return DATABASE.equals(source);
    }

    static long pages(long total, int size) {
        return Math.max(1, (total + size - 1) / size);
    }

    /** The label people read for a facet value: a level's name, a language's English name. */
    static String label(String facet, String value, String label) {
        return switch (facet) {
            case "level" -> Level.parse(value).map(Level::label).orElse(label);
            case "language" -> {
                String name = Locale.forLanguageTag(value).getDisplayLanguage(Locale.ENGLISH);
                yield name.isBlank() || name.equalsIgnoreCase(value) ? value : name;
            }
            default -> label;
        };
    }
}
