package org.openlearning.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.Aggregation;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.query_dsl.TextQueryType;
import org.opensearch.client.opensearch._types.query_dsl.ZeroTermsQuery;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.HighlightField;
import org.opensearch.client.opensearch.core.search.HighlighterEncoder;
import org.opensearch.client.opensearch.core.search.Hit;
import org.springframework.stereotype.Component;

/**
 * Catalog search on OpenSearch: builds the request for a {@link CourseQuery} (relevance over title,
 * skills, partner, instructors and description, typo tolerant; filters; facet counts; highlights)
 * and reads the answer. Only published courses are ever returned.
 */
@Component
public class CourseSearch {

    /** The facets every search returns, by request parameter name → index field. */
    public static final Map<String, String> FACETS = facets();

    /**
     * Where a misspelt word is looked up: {@code typo}, the words of the title, skills, partner and
     * instructors in one field (copied there at indexing, unstemmed). One fuzzy expansion per word in
     * one term dictionary, instead of one in each of those fields, is what keeps typo tolerance
     * affordable: it was more than half of the cost of a search.
     */
    static final List<String> FUZZY_FIELDS = List.of("typo^3");

    /**
     * The fields a word is matched in as written (after stemming), by weight: the title strongest
     * (stemmed: "learns" finds "Learning"; and unstemmed), then skills, partner, instructors, and the
     * long texts, weakest.
     */
    static final List<String> EXACT_FIELDS = List.of("title^6", "title.exact^4", "skills^3", "partner^2.5",
            "instructors^2", "summary^1.5", "description");

    /**
     * How many typos a word the catalog does not hold ({@link KnownWords}) may have, by its length:
     * none up to 3 letters, one up to 7, two from 8 on. (OpenSearch's plain AUTO allows one from 3
     * letters and two from 6: twice the candidate terms to look at, for matches that are mostly
     * noise at those lengths.)
     */
    static final String FUZZINESS = "AUTO:4,8";

    /** The length from which {@link #FUZZINESS} allows a typo; only words this long are looked up. */
    static final int TYPOS_FROM = 4;

    /**
     * Lucene's English stop words, which the text analyzers drop. A query's stop words are left out
     * of the words that must match, so that "the science of film" asks for two of "science" and
     * "film", not for any one word beside "the" and "of" (which matched every course).
     */
    static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "but", "by", "for",
            "if", "in", "into", "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then",
            "there", "these", "they", "this", "to", "was", "will", "with");

    /** A facet value with its count; {@code label} is what people read (a partner's name for its slug). */
    public record Facet(String value, String label, long count) {
    }

    /** One result; {@code highlights} maps title/description to HTML-escaped fragments with <mark>. */
    public record Result(CourseDocument course, Map<String, String> highlights) {
    }

    public record Page(List<Result> items, long total, Map<String, List<Facet>> facets) {
    }

    public record Suggestion(long id, String slug, String title, String partner) {
    }

    private final OpenSearchClient client;
    private final String alias;
    private final KnownWords knownWords;

    public CourseSearch(OpenSearchClient client, SearchProperties properties) {
        this.client = client;
        this.alias = properties.alias();
        this.knownWords = new KnownWords(client, alias, "typo");
    }

    /**
     * One page of results. A word the catalog holds is looked for as typed; if that finds nothing, the
     * query is asked again with typos allowed in every word: a typo may be a word of the catalog too
     * ("date analytics").
     */
    public Page search(CourseQuery query) {
        try {
            Set<String> known = knownWords(query);
            Page page = read(client.search(request(query, known), CourseDocument.class));
            if (page.total() == 0 && !known.isEmpty()) {
                page = read(client.search(request(query, Set.of()), CourseDocument.class));
            }
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Course titles that complete what someone is typing (published courses only). */
    public List<Suggestion> suggest(String prefix, int limit) {
        String p = prefix == null ? "" : prefix.strip();
        if (p.isEmpty()) {
            return List.of();
        }
        SearchRequest request = SearchRequest.of(s -> s.index(alias)
                .size(limit)
                .source(src -> src.filter(f -> f.includes("id", "slug", "title", "partner")))
                .query(q -> q.bool(b -> b
                        .filter(published())
                        .must(m -> m.multiMatch(mm -> mm.query(p)
                                .type(TextQueryType.BoolPrefix)
                                .fields("title.suggest", "title.suggest._2gram", "title.suggest._3gram")
                                .fuzziness("AUTO")
                                .prefixLength(1)
                                .operator(Operator.And)))))
                .sort(so -> so.score(sc -> sc.order(SortOrder.Desc)))
                .sort(so -> so.field(f -> f.field("enrollment_count").order(SortOrder.Desc))));
        try {
            SearchResponse<CourseDocument> response = client.search(request, CourseDocument.class);
            return response.hits().hits().stream().map(Hit::source)
                    .map(d -> new Suggestion(d.id(), d.slug(), d.title(), d.partner())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The words of the query that are matched as typed, without typos: those the catalog holds (it
     * asks OpenSearch, unless it knows from a recent query).
     */
    private Set<String> knownWords(CourseQuery query) {
        if (query.text() == null) {
            return Set.of();
        }
        return knownWords.knownOf(contentWords(query.text()).stream().filter(w -> w.length() >= TYPOS_FROM).toList());
    }

    /** The OpenSearch request of a query, whose {@code known} words are matched as typed. */
    private SearchRequest request(CourseQuery query, Set<String> known) {
        List<Query> filters = new ArrayList<>();
        filters.add(published());
        term(filters, "category", query.category());
        term(filters, "level", query.level());
        term(filters, "language", query.language());
        term(filters, "partner_slug", query.partner());
        if (query.minRating() != null) {
            filters.add(Query.of(q -> q.range(r -> r.field("rating").gte(JsonData.of(query.minRating())))));
        }
        Query main;
        if (query.text() == null) {
            main = Query.of(q -> q.bool(b -> b.filter(filters)));
        } else {
            String text = query.text();
            // each word must be found in some field: as typed if the catalog holds it, else fuzzily
            // too (a typo or two per word, by its length); of several words, three in four are
            // enough. A word that is several tokens ("scikit-learn", "real-world") needs all of them
            // in one field.
            List<Query> words = new ArrayList<>();
            for (String word : contentWords(text)) {
                Query exact = Query.of(e -> e.multiMatch(mm -> mm.query(word)
                        .fields(EXACT_FIELDS)
                        .type(TextQueryType.BestFields)
                        .operator(Operator.And)
                        .zeroTermsQuery(ZeroTermsQuery.All))); // nothing left to match: anything does
                if (known.contains(word)) {
                    words.add(exact);
                    continue;
                }
                words.add(Query.of(w -> w.disMax(d -> d.tieBreaker(0.3f)
                        .queries(Query.of(f -> f.multiMatch(mm -> mm.query(word)
                                .fields(FUZZY_FIELDS)
                                .type(TextQueryType.BestFields)
                                .operator(Operator.And)
                                .tieBreaker(0.3f)
                                .fuzziness(FUZZINESS)
                                .prefixLength(1)
                                .maxExpansions(20)
                                .zeroTermsQuery(ZeroTermsQuery.All))))
                        .queries(exact))));
            }
            main = Query.of(q -> q.bool(b -> b
                    .filter(filters)
                    .must(m -> m.bool(all -> all.should(words).minimumShouldMatch("2<75%")))
                    // the words as they were typed, in order, in the title: strongest
                    .should(s -> s.matchPhrase(mp -> mp.field("title.exact").query(text).slop(1).boost(8f)))
                    // all the words, exactly, spread over the main fields
                    .should(s -> s.multiMatch(mm -> mm.query(text)
                            .fields("title^3", "skills^2", "partner^2", "instructors")
                            .type(TextQueryType.CrossFields)
                            .operator(Operator.And)
                            .boost(2f)))));
        }
        return SearchRequest.of(s -> {
            s.index(alias)
                    .query(main)
                    .from(query.from())
                    .size(query.size())
                    .trackTotalHits(t -> t.enabled(true))
                    .sort(sort(query));
            FACETS.forEach((name, field) -> s.aggregations(name,
                    Aggregation.of(a -> a.terms(t -> t.field(field).size(name.equals("level") ? 4 : 25)))));
            if (query.text() != null) {
                s.highlight(h -> h.encoder(HighlighterEncoder.Html)
                        .preTags("<mark>").postTags("</mark>")
                        .fields("title", HighlightField.of(f -> f.numberOfFragments(0)))
                        .fields("description", HighlightField.of(f -> f.fragmentSize(180).numberOfFragments(1))));
            }
            return s;
        });
    }

    /** Reads a search answer. */
    private static Page read(SearchResponse<CourseDocument> response) {
        List<Result> items = new ArrayList<>();
        for (Hit<CourseDocument> hit : response.hits().hits()) {
            Map<String, String> highlights = new LinkedHashMap<>();
            hit.highlight().forEach((field, fragments) -> {
                if (!fragments.isEmpty()) {
                    highlights.put(field, fragments.get(0));
                }
            });
            items.add(new Result(hit.source(), highlights));
        }
        Map<String, List<Facet>> facets = new LinkedHashMap<>();
        for (String name : FACETS.keySet()) {
            Aggregate agg = response.aggregations().get(name);
            List<Facet> values = new ArrayList<>();
            if (agg != null && agg.isSterms()) {
                agg.sterms().buckets().array().forEach(b -> {
                    String key = b.key();
                    int bar = name.equals("partner") ? key.indexOf('|') : -1;
                    values.add(bar < 0 ? new Facet(key, key, b.docCount())
                            : new Facet(key.substring(0, bar), key.substring(bar + 1), b.docCount()));
                });
            }
            facets.put(name, values);
        }
        long total = response.hits().total() == null ? items.size() : response.hits().total().value();
        return new Page(items, total, facets);
    }

    private static List<SortOptions> sort(CourseQuery query) {
        List<SortOptions> sorts = new ArrayList<>();
        switch (query.sort()) {
            case RELEVANCE -> sorts.add(SortOptions.of(s -> s.score(sc -> sc.order(SortOrder.Desc))));
            case RATING -> sorts.add(field("rating", SortOrder.Desc));
            case ENROLLMENTS -> { }
            case NEWEST -> sorts.add(field("published_at", SortOrder.Desc));
            case TITLE -> sorts.add(field("title.sort", SortOrder.Asc));
        }
        sorts.add(field("enrollment_count", SortOrder.Desc));
        sorts.add(field("id", SortOrder.Asc));
        return sorts;
    }

    /** The words of a query (at most 12), split as people type them. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.split("[\\s,;:!?()\\[\\]{}\"/+]+")) {
            if (!w.isBlank() && words.size() < 12) {
                words.add(w);
            }
        }
        return words.isEmpty() ? List.of(text) : words;
    }

    /** The words of a query without its stop words; all of them if that leaves none. */
    static List<String> contentWords(String text) {
        List<String> words = words(text);
        List<String> content = words.stream().filter(w -> !STOP_WORDS.contains(w.toLowerCase(Locale.ROOT))).toList();
        return content.isEmpty() ? words : content;
    }

    private static SortOptions field(String name, SortOrder order) {
        return SortOptions.of(s -> s.field(f -> f.field(name).order(order).missing(FieldValue.of("_last"))));
    }

    private static Query published() {
        return Query.of(q -> q.term(t -> t.field("status").value(FieldValue.of(CourseDocument.PUBLISHED))));
    }

    private static void term(List<Query> filters, String field, String value) {
        if (value != null) {
            filters.add(Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value)))));
        }
    }

    private static Map<String, String> facets() {
        Map<String, String> facets = new LinkedHashMap<>();
        facets.put("category", "category");
        facets.put("level", "level");
        facets.put("language", "language");
        facets.put("partner", "partner_facet"); // slug|name
        return facets;
    }
}
