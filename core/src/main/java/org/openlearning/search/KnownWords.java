package org.openlearning.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch.core.MsearchResponse;
import org.opensearch.client.opensearch.core.msearch.MultiSearchResponseItem;
import org.opensearch.client.opensearch.core.msearch.RequestItem;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Which words of a query the catalog holds as typed, in the field typos are looked up in
 * ({@link CourseSearch#FUZZY_FIELDS}: titles, skills, partners, instructors). A search matches such a
 * word as typed and allows typos only in the others: for a word spelt right, typos only add
 * look-alikes ("data" → "date", "learning" → "leasing"), and in OpenSearch they are the costliest
 * part of a search (building the two-edit automaton of one word takes about a millisecond, more
 * than all else a typical search does).
 *
 * <p>The words a search has not seen lately are looked up together, in one multi-search of one
 * count each, and remembered for {@link #REMEMBERED}. A remembered answer may be that old: a word
 * that has just come into the catalog is still allowed typos for that long, and one that has just
 * left it is still matched as typed only (and if that finds nothing, {@link CourseSearch#search}
 * asks again with typos).
 */
final class KnownWords {

    /** How long an answer is remembered. */
    static final Duration REMEMBERED = Duration.ofMinutes(10);

    private final OpenSearchClient client;
    private final String alias;
    private final String field;
    private final Cache<String, Boolean> known = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterWrite(REMEMBERED).build();

    KnownWords(OpenSearchClient client, String alias, String field) {
        this.client = client;
        this.alias = alias;
        this.field = field;
    }

    /** The words of {@code words} that some course holds (every one of a word's tokens in one course). */
    Set<String> knownOf(Collection<String> words) {
        Set<String> found = new LinkedHashSet<>();
        List<String> ask = new ArrayList<>();
        for (String word : words) {
            Boolean k = known.getIfPresent(key(word));
            if (k == null) {
                if (!ask.contains(word)) {
                    ask.add(word);
                }
            } else if (k) {
                found.add(word);
            }
        }
        if (!ask.isEmpty()) {
            Map<String, Boolean> answers = lookUp(ask);
            answers.forEach((word, k) -> {
                known.put(key(word), k);
                if (k) {
                    found.add(word);
                }
            });
        }
        return found;
    }

    private Map<String, Boolean> lookUp(List<String> words) {
        List<RequestItem> searches = new ArrayList<>();
        for (String word : words) {
            // a count only: OpenSearch answers a single term's from the term's document frequency
            searches.add(RequestItem.of(i -> i.header(h -> h.index(alias)).body(b -> b.size(0)
                    .trackTotalHits(t -> t.enabled(true))
                    .query(q -> q.match(m -> m.field(field).query(v -> v.stringValue(word)).operator(Operator.And))))));
        }
        MsearchResponse<Void> response;
        try {
            response = client.msearch(m -> m.searches(searches), Void.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Boolean> answers = new HashMap<>();
        List<MultiSearchResponseItem<Void>> items = response.responses();
        for (int i = 0; i < words.size(); i++) {
            MultiSearchResponseItem<Void> item = items.get(i);
            if (!item.isResult()) {
                throw new IllegalStateException("looking up '" + words.get(i) + "' in " + alias + " failed: "
                        + item.failure().error().reason());
            }
            answers.put(words.get(i), item.result().hits().total().value() > 0);
        }
        return answers;
    }

    private static String key(String word) {
        return word.toLowerCase(Locale.ROOT);
    }
}
