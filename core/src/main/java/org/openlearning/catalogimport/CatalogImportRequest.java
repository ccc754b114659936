package org.openlearning.catalogimport;

import org.jobrunr.jobs.lambdas.JobRequest;
import org.openlearning.intent.IntentKind;

/** Job contract: import the catalog CSV of one {@code catalog_imports} record. */
public record CatalogImportRequest(long importId) implements JobRequest {

    public static final IntentKind INTENT = new IntentKind("catalog-import", "catalog_imports",
            CatalogImportRequest::new);

    @Override
    public Class<CatalogImportRequestHandler> getJobRequestHandler() {
        return CatalogImportRequestHandler.class;
    }

    @Override
    public String toString() {
        return "#" + importId;
    }
}
