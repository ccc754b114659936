package org.openlearning.search;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The JobRunr handler of {@link SearchReindexRequest}. JobRunr needs a concrete handler class, which
 * core owns; the work is done by the {@link SearchReindexHandler} that the job module provides (so
 * the web app, which only enqueues, has none).
 */
@Component
public class SearchReindexRequestHandler implements JobRequestHandler<SearchReindexRequest> {

    private final ObjectProvider<SearchReindexHandler> handler;

    SearchReindexRequestHandler(ObjectProvider<SearchReindexHandler> handler) {
        this.handler = handler;
    }

    @Override
    @Job(name = "Search reindex %0", retries = 5)
    public void run(SearchReindexRequest request) throws Exception {
        handler.getObject().reindex(request.reindexId());
    }
}
