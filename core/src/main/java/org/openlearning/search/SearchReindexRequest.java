package org.openlearning.search;

import org.jobrunr.jobs.lambdas.JobRequest;
import org.openlearning.intent.IntentKind;

/** Job contract: carry out the full search-index rebuild of one {@code search_reindexes} record. */
public record SearchReindexRequest(long reindexId) implements JobRequest {

    public static final IntentKind INTENT = new IntentKind("search-reindex", "search_reindexes",
            SearchReindexRequest::new);

    @Override
    public Class<SearchReindexRequestHandler> getJobRequestHandler() {
        return SearchReindexRequestHandler.class;
    }

    @Override
    public String toString() {
        return "#" + reindexId;
    }
}
