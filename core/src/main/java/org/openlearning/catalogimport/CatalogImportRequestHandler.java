package org.openlearning.catalogimport;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The JobRunr handler of {@link CatalogImportRequest}. JobRunr needs a concrete handler class, which
 * core owns; the work is done by the {@link CatalogImportHandler} that the job module provides (so
 * the web app, which only enqueues, has none).
 */
@Component
public class CatalogImportRequestHandler implements JobRequestHandler<CatalogImportRequest> {

    private final ObjectProvider<CatalogImportHandler> handler;

    CatalogImportRequestHandler(ObjectProvider<CatalogImportHandler> handler) {
        this.handler = handler;
    }

    @Override
    @Job(name = "Catalog import %0", retries = 5)
    public void run(CatalogImportRequest request) throws Exception {
        handler.getObject().importCatalog(request.importId());
    }
}
