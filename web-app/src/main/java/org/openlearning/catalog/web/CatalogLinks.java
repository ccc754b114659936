package org.openlearning.catalog.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.openlearning.search.CourseQuery;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links of the catalog page: the current search with one filter added, changed or removed, or on
 * another page. Changing a filter goes back to page 1; the page size is the page's own.
 */
public record CatalogLinks(CourseQuery query) {

    /** The current search with {@code name} set to {@code value}, or without it when it is already that. */
    public String toggle(String name, String value) {
        if ("level".equals(name) && value != null) {
            value = value.toLowerCase(Locale.ROOT); // the index holds BEGINNER, URLs say beginner
        }
        Map<String, String> params = params();
        if (value != null && value.equalsIgnoreCase(params.get(name))) {
            params.remove(name);
        } else {
            params.put(name, value);
        }
        params.remove("page");
        return url(params);
    }

    public String without(String name) {
        Map<String, String> params = params();
        params.remove(name);
        params.remove("page");
        return url(params);
    }

    public String page(int page) {
        Map<String, String> params = params();
        params.put("page", Integer.toString(page));
        return url(params);
    }

    /** Whether {@code value} is the active filter of {@code name}. */
    public boolean active(String name, String value) {
        return value != null && value.equalsIgnoreCase(params().get(name));
    }

    /** The search as request parameters: only those set, and the sort only when it is not the usual one. */
    public Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        put(params, "query", query.text());
        put(params, "category", query.category());
        put(params, "level", query.level() == null ? null : query.level().toLowerCase(Locale.ROOT));
        put(params, "language", query.language());
        put(params, "partner", query.partner());
        put(params, "min_rating", query.minRating() == null ? null : rating(query.minRating()));
        CourseQuery.Sort usual = query.text() == null ? CourseQuery.Sort.ENROLLMENTS : CourseQuery.Sort.RELEVANCE;
        put(params, "sort", query.sort() == usual ? null : query.sort().param());
        if (query.page() > 1) {
            params.put("page", Integer.toString(query.page()));
        }
        return params;
    }

    /** A rating as the page and its URLs write it: 4 rather than 4.0. */
    public static String rating(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static void put(Map<String, String> params, String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
    }

    private static String url(Map<String, String> params) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/courses");
        params.forEach((k, v) -> b.queryParam(k, v));
        return b.encode().build().toUriString();
    }
}
