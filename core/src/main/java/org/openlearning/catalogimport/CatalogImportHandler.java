package org.openlearning.catalogimport;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** Implemented by the catalog-import job module; the web app only enqueues {@link CatalogImportRequest}s. */
public interface CatalogImportHandler extends JobRequestHandler<CatalogImportRequest> {

    @Override
    @Job(name = "Catalog import %0", retries = 5)
    void run(CatalogImportRequest request) throws Exception;
}
