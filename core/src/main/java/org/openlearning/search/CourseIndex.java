package org.openlearning.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jdbi.v3.core.Handle;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.BulkRequest;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.generic.Bodies;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.opensearch.indices.stats.IndicesStatsMetric;
import org.opensearch.client.opensearch.indices.update_aliases.Action;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code courses} index family in OpenSearch: searches go through the alias; a full rebuild
 * fills a new index ({@code <alias>-<suffix>}) and swaps the alias onto it in one atomic request.
 * Documents are written with their {@code search_version} as external version ({@code external_gte}),
 * so whichever writer comes last, the newest state of a course wins.
 */
@Component
public class CourseIndex {

    private static final Logger log = LoggerFactory.getLogger(CourseIndex.class);
    private static final String MAPPING = "/search/courses-index.json";
    /**
     * The version of the mapping in {@value #MAPPING} ({@code _meta.mapping_version}); raise both
     * together. An index built with an older one is rebuilt (the relay asks for it on start). Fields
     * the older index does not know are kept in the documents' source meanwhile ({@code dynamic:
     * false}), so writes never fail in between.
     */
    public static final int MAPPING_VERSION = 4;

    /** What a bulk write did: documents written, and those the index already had in a newer version. */
    public record BulkOutcome(int written, int stale) {
    }

    private final OpenSearchClient client;
    private final String alias;

    public CourseIndex(OpenSearchClient client, SearchProperties properties) {
        this.client = client;
        this.alias = properties.alias();
    }

    public String alias() {
        return alias;
    }

    public OpenSearchClient client() {
        return client;
    }

    /** The indices the alias points at (one, normally; none before the first index exists). */
    public Set<String> aliasedIndices() {
        try {
            return new TreeSet<>(client.indices().getAlias(a -> a.name(alias)).result().keySet());
        } catch (OpenSearchException e) {
            if (e.status() == 404) {
                return Set.of();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes sure the alias points at an index, creating an empty one ({@code <alias>-initial}) when
     * there is none; returns true when it created one (its content must then be built in full).
     * Several workers may call this at once: the fixed name makes the creation happen once.
     */
    public boolean ensureAlias() {
        if (!aliasedIndices().isEmpty()) {
            return false;
        }
        String initial = alias + "-initial";
        boolean created = create(initial, false);
        try {
            client.indices().updateAliases(u -> u.actions(a -> a.add(add -> add.index(initial).alias(alias))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (created) {
            log.info("created the empty search index {} behind alias {}", initial, alias);
        }
        return created;
    }

    /** True when the index behind the alias was built with an older mapping than this code's. */
    public boolean aliasedIndexOutdated() {
        try (Response response = client.generic().execute(Requests.builder().method("GET")
                .endpoint("/" + alias + "/_mapping").build())) {
            if (response.getStatus() == 404) {
                return false;
            }
            if (response.getStatus() >= 300 || response.getBody().isEmpty()) {
                throw new IllegalStateException("reading the mapping of " + alias + " failed: HTTP " + response.getStatus());
            }
            JsonNode indices = JsonMapper.shared().readTree(response.getBody().get().bodyAsBytes());
            for (JsonNode index : indices) {
                if (index.path("mappings").path("_meta").path("mapping_version").asInt(0) < MAPPING_VERSION) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates an index with the courses mapping; {@code forBulk} turns refreshes off until
     * {@link #finishBulk}. Returns false when it already existed.
     */
    public boolean create(String index, boolean forBulk) {
        String body;
        try (InputStream in = CourseIndex.class.getResourceAsStream(MAPPING)) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (forBulk) {
            body = body.replaceFirst("\"number_of_replicas\": 0,", "\"number_of_replicas\": 0, \"refresh_interval\": \"-1\",");
        }
        try (Response response = client.generic().execute(Requests.builder().method("PUT").endpoint("/" + index)
                .body(Bodies.json(body)).build())) {
            if (response.getStatus() == 400 && response.getBody().map(b -> new String(b.bodyAsBytes(),
                    StandardCharsets.UTF_8)).orElse("").contains("resource_already_exists_exception")) {
                return false;
            }
            if (response.getStatus() >= 300) {
                throw new IllegalStateException("creating search index " + index + " failed: HTTP "
                        + response.getStatus() + " " + response.getBody().map(b -> new String(b.bodyAsBytes(),
                                StandardCharsets.UTF_8)).orElse(""));
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes documents into {@code index} (an index or the alias), each at its version. */
    public BulkOutcome write(String index, List<CourseDocuments.Versioned> documents) {
        if (documents.isEmpty()) {
            return new BulkOutcome(0, 0);
        }
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (CourseDocuments.Versioned v : documents) {
            bulk.operations(op -> op.index(i -> i.index(index)
                    .id(Long.toString(v.document().id()))
                    .version(v.version())
                    .versionType(VersionType.ExternalGte)
                    .document(v.document())));
        }
        BulkResponse response;
        try {
            response = client.bulk(bulk.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int stale = 0;
        List<String> failures = new ArrayList<>();
        for (BulkResponseItem item : response.items()) {
            if (item.error() == null) {
                continue;
            }
            if (item.status() == 409) {
                stale++; // the index has this course in a newer version already
            } else if (failures.size() < 5) {
                failures.add(item.id() + ": " + item.error().type() + " " + item.error().reason());
            } else {
                failures.add("…");
                break;
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("indexing into " + index + " failed for " + failures);
        }
        return new BulkOutcome(documents.size() - stale, stale);
    }

    /**
     * Fills {@code index} with every published course, page by page in this thread, and returns the
     * documents written: the plain bulk load that tests and the benchmark's baseline use. The
     * platform's own rebuild is the restartable reindex job, which does the same in chunks.
     */
    public long load(Handle handle, String index, int pageSize) {
        long written = 0;
        long after = 0;
        for (List<CourseDocuments.Versioned> page; !(page = CourseDocuments.publishedAfter(handle, after, pageSize)).isEmpty();) {
            written += write(index, page).written();
            after = page.get(page.size() - 1).document().id();
        }
        return written;
    }

    /** Turns refreshes back on after a bulk load and makes everything written searchable. */
    public void finishBulk(String index) {
        try {
            client.indices().putSettings(s -> s.index(index).settings(is -> is.refreshInterval(t -> t.time("1s"))));
            client.indices().refresh(r -> r.index(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes what was written to the alias searchable now (tests, the end of a relay batch in tests). */
    public void refresh() {
        try {
            client.indices().refresh(r -> r.index(alias));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Points the alias at {@code index} alone, in one atomic request (searches never see no index
     * or two), then deletes the indices it pointed at before. Returns those.
     */
    public Set<String> swapAlias(String index) {
        Set<String> previous = new TreeSet<>(aliasedIndices());
        previous.remove(index);
        List<Action> actions = new ArrayList<>();
        for (String old : previous) {
            actions.add(Action.of(a -> a.remove(r -> r.index(old).alias(alias))));
        }
        actions.add(Action.of(a -> a.add(add -> add.index(index).alias(alias))));
        try {
            client.indices().updateAliases(u -> u.actions(actions));
            if (!previous.isEmpty()) {
                client.indices().delete(d -> d.index(List.copyOf(previous)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("search alias {} now points at {} (was {})", alias, index, previous);
        return previous;
    }

    /**
     * The index behind the alias as its primaries' statistics show it: {@code live} documents and
     * {@code deleted} ones (the old copies of replaced and removed documents, which stay in their
     * segments, searched and skipped, until a merge drops them), segments, the writes since the
     * shard started, and the bytes on disk.
     */
    public record Shape(long live, long deleted, long segments, long writes, long bytes) {

        /** The deleted share of all documents, 0 … 1. */
        public double deletedShare() {
            return live + deleted == 0 ? 0 : (double) deleted / (live + deleted);
        }
    }

    public Shape shape() {
        try {
            var stats = client.indices().stats(s -> s.index(alias).metric(IndicesStatsMetric.Docs,
                    IndicesStatsMetric.Segments, IndicesStatsMetric.Indexing, IndicesStatsMetric.Store)).all().primaries();
            var docs = stats.docs();
            return new Shape(docs == null ? 0 : docs.count(), docs == null || docs.deleted() == null ? 0 : docs.deleted(),
                    stats.segments() == null ? 0 : stats.segments().count(),
                    stats.indexing() == null ? 0 : stats.indexing().indexTotal() + stats.indexing().deleteTotal(),
                    stats.store() == null ? 0 : stats.store().sizeInBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Merges the index into one segment; searches go on meanwhile against the segments as they
     * were. Returns when the merge is done.
     */
    public void mergeIntoOne() {
        try {
            client.indices().forcemerge(f -> f.index(alias).maxNumSegments(1L));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Merges the segments holding deleted documents, which drops them; searches go on meanwhile
     * against the segments as they were. Returns when the merge is done.
     */
    public void expungeDeletes() {
        try {
            client.indices().forcemerge(f -> f.index(alias).onlyExpungeDeletes(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes an index (a rebuild that failed and will not be resumed); no error when it is gone. */
    public void deleteIndex(String index) {
        try {
            client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every index of this family, aliased or not. */
    public Set<String> allIndices() {
        try {
            return new TreeSet<>(client.indices().get(g -> g.index(alias + "-*").allowNoIndices(true)).result().keySet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
