package org.openlearning.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import tools.jackson.databind.JavaType;

/**
 * Catalog search as the web app serves it: OpenSearch ({@link CourseSearch}) behind the Redis
 * hot-query cache, and PostgreSQL ({@link DatabaseSearch}) whenever OpenSearch errors, times out or
 * has no index, so that browsing and searching keep working through an outage. Only OpenSearch's
 * answers are cached: a fallback answer would otherwise be served for the cache's whole lifetime
 * after OpenSearch is back.
 */
@Service
public class CatalogSearch {

    /** How many suggestions the search box shows. */
    public static final int SUGGESTIONS = 8;
    private static final int MAX_PREFIX = 100;

    private final CourseSearch search;
    private final DatabaseSearch database;
    private final AnswerCache cache;
    private final SearchOutage outage;
    private final JavaType answerType;
    private final JavaType suggestionsType;

    CatalogSearch(CourseSearch search, DatabaseSearch database, AnswerCache cache, SearchOutage outage) {
        this.search = search;
        this.database = database;
        this.cache = cache;
        this.outage = outage;
        this.answerType = cache.type(SearchAnswer.class);
        this.suggestionsType = cache.listOf(CourseSearch.Suggestion.class);
    }

    /** One page of results with facets; never fails because of OpenSearch or Redis. */
    public SearchAnswer search(CourseQuery query) {
        Optional<String> key = cache.key("search", query.canonical());
        Optional<SearchAnswer> cached = key.flatMap(k -> cache.<SearchAnswer>get(k, answerType));
        if (cached.isPresent()) {
            return cached.get();
        }
        return answer(query, key).answer();
    }

    /**
     * {@link #search} as the API sends it, JSON. A cached answer is sent as it was cached, and a new
     * one is written once, for the cache and the API alike.
     */
    public byte[] searchJson(CourseQuery query) {
        Optional<String> key = cache.key("search", query.canonical());
        Optional<byte[]> cached = key.flatMap(cache::getJson);
        if (cached.isPresent()) {
            return cached.get();
        }
        Answer answer = answer(query, key);
        return answer.json() != null ? answer.json() : cache.write(answer.answer());
    }

    /** An answer and, when it went into the cache, its JSON. */
    private record Answer(SearchAnswer answer, byte[] json) {
    }

    private Answer answer(CourseQuery query, Optional<String> key) {
        if (!outage.tryOpenSearch()) {
            return new Answer(labelled(database.search(query)), null);
        }
        CourseSearch.Page page;
        try {
            page = search.search(query);
            outage.succeeded();
        } catch (RuntimeException e) {
            outage.failed(e);
            return new Answer(labelled(database.search(query)), null);
        }
        SearchAnswer answer = labelled(new SearchAnswer(
                page.items().stream().map(r -> SearchAnswer.Item.of(r.course(), r.highlights())).toList(),
                query.page(), query.size(), page.total(), SearchAnswer.pages(page.total(), query.size()),
                page.facets(), SearchAnswer.SEARCH, null));
        return new Answer(answer, key.map(k -> cache.put(k, answer)).orElse(null));
    }

    /** Up to {@link #SUGGESTIONS} published courses whose title completes {@code prefix}. */
    public List<CourseSearch.Suggestion> suggest(String prefix) {
        String p = prefix == null ? "" : prefix.strip();
        if (p.isEmpty()) {
            return List.of();
        }
        if (p.length() > MAX_PREFIX) {
            p = p.substring(0, MAX_PREFIX);
        }
        Optional<String> key = cache.key("suggest", p.toLowerCase(Locale.ROOT));
        Optional<List<CourseSearch.Suggestion>> cached = key.flatMap(k -> cache.get(k, suggestionsType));
        if (cached.isPresent()) {
            return cached.get();
        }
        if (!outage.tryOpenSearch()) {
            return database.suggest(p, SUGGESTIONS);
        }
        List<CourseSearch.Suggestion> suggestions;
        try {
            suggestions = search.suggest(p, SUGGESTIONS);
            outage.succeeded();
        } catch (RuntimeException e) {
            outage.failed(e);
            return database.suggest(p, SUGGESTIONS);
        }
        key.ifPresent(k -> cache.put(k, suggestions));
        return suggestions;
    }

    /** Facet labels people read (levels and languages by name), the same from either source. */
    private static SearchAnswer labelled(SearchAnswer answer) {
        Map<String, List<CourseSearch.Facet>> facets = new LinkedHashMap<>();
        answer.facets().forEach((name, values) -> facets.put(name, values.stream()
                .map(f -> new CourseSearch.Facet(f.value(), SearchAnswer.label(name, f.value(), f.label()), f.count()))
                .toList()));
        return new SearchAnswer(answer.items(), answer.page(), answer.size(), answer.total(), answer.pages(), facets,
                answer.source(), answer.notice());
    }
}
