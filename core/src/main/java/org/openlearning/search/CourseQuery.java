package org.openlearning.search;

import java.util.Locale;

import org.openlearning.catalog.Level;

/**
 * One catalog search: free text, filters, sort and page. {@link #parse} reads request parameters
 * and refuses bad ones with {@link Invalid}, naming the parameter.
 *
 * @param level     a {@link Level} name (BEGINNER …) or null
 * @param partner   a partner's slug or null
 * @param minRating courses rated at least this (0 … 5) or null
 */
public record CourseQuery(String text, String category, String level, String language, String partner,
        Double minRating, Sort sort, int page, int size) {

    public static final int PAGE_SIZE = 12;
    public static final int MAX_PAGE_SIZE = 100;
    /** Deepest result reachable by paging (OpenSearch's max_result_window). */
    public static final int MAX_RESULT_WINDOW = 10_000;

    public enum Sort {
        RELEVANCE, RATING, ENROLLMENTS, NEWEST, TITLE;

        /** {@code popular} is the older name of {@code enrollments}. */
        static Sort parse(String value) {
            String v = value.strip().toUpperCase(Locale.ROOT);
            if (v.equals("POPULAR")) {
                return ENROLLMENTS;
            }
            return Sort.valueOf(v);
        }

        public String param() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A request parameter that cannot be used; {@code field} names it. */
    public static final class Invalid extends IllegalArgumentException {
        private final String field;

        Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public CourseQuery {
        text = blankToNull(text);
        if (text != null && text.length() > 200) {
            text = text.substring(0, 200);
        }
        if (sort == null) {
            sort = text == null ? Sort.ENROLLMENTS : Sort.RELEVANCE;
        }
        if (sort == Sort.RELEVANCE && text == null) {
            sort = Sort.ENROLLMENTS; // nothing to be relevant to
        }
    }

    /** The first page of everything published, most enrolled first. */
    public static CourseQuery all() {
        return new CourseQuery(null, null, null, null, null, null, null, 1, PAGE_SIZE);
    }

    public static CourseQuery parse(String text, String category, String level, String language, String partner,
            String minRating, String sort, Integer page, Integer size) {
        String parsedLevel = null;
        if (level != null && !level.isBlank()) {
            parsedLevel = Level.parse(level)
                    .orElseThrow(() -> new Invalid("level", "level is one of beginner, intermediate, advanced, mixed"))
                    .name();
        }
        Sort parsedSort = null;
        if (sort != null && !sort.isBlank()) {
            try {
                parsedSort = Sort.parse(sort);
            } catch (IllegalArgumentException e) {
                throw new Invalid("sort", "sort is one of relevance, rating, enrollments, newest, title");
            }
        }
        Double rating = null;
        if (minRating != null && !minRating.isBlank()) {
            try {
                rating = Double.valueOf(minRating.strip());
            } catch (NumberFormatException e) {
                rating = Double.NaN;
            }
            if (rating.isNaN() || rating < 0 || rating > 5) {
                throw new Invalid("min_rating", "min_rating is a number from 0 to 5");
            }
        }
        int p = page == null ? 1 : page;
        int s = size == null ? PAGE_SIZE : size;
        if (s < 1 || s > MAX_PAGE_SIZE) {
            throw new Invalid("size", "size is a number from 1 to " + MAX_PAGE_SIZE);
        }
        if (p < 1 || (long) p * s > MAX_RESULT_WINDOW) {
            throw new Invalid("page", "page is a number from 1 to " + MAX_RESULT_WINDOW / s);
        }
        String lang = blankToNull(language);
        if (lang != null) {
            lang = lang.toLowerCase(Locale.ROOT);
            if (!lang.matches("[a-z]{2}")) {
                throw new Invalid("language", "language is a two-letter code such as en or es");
            }
        }
        return new CourseQuery(text, blankToNull(category), parsedLevel, lang, blankToNull(partner), rating,
                parsedSort, p, s);
    }

    public int from() {
        return (page - 1) * size;
    }

    /** The same search on another page. */
    public CourseQuery page(int other) {
        return new CourseQuery(text, category, level, language, partner, minRating, sort, other, size);
    }

    /** A stable text form of the whole query (the hot-query cache's key is built from it). */
    public String canonical() {
        return String.join("\u0001", String.valueOf(text == null ? null : text.toLowerCase(Locale.ROOT)),
                String.valueOf(category), String.valueOf(level), String.valueOf(language), String.valueOf(partner),
                String.valueOf(minRating), sort.name(), Integer.toString(page), Integer.toString(size));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
