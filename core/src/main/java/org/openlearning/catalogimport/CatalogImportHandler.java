package org.openlearning.catalogimport;

/**
 * Implemented by the catalog-import job module: import the CSV of one {@code catalog_imports}
 * record. Runs on the workers only, through {@link CatalogImportRequestHandler}.
 */
public interface CatalogImportHandler {

    void importCatalog(long importId) throws Exception;
}
