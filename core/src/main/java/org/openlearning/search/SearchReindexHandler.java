package org.openlearning.search;

/**
 * Implemented by the reindex-catalog job module: rebuild the search index for one
 * {@code search_reindexes} record. Runs on the workers only, through {@link SearchReindexRequestHandler}.
 */
public interface SearchReindexHandler {

    void reindex(long reindexId) throws Exception;
}
