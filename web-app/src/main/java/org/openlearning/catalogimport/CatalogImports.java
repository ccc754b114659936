package org.openlearning.catalogimport;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

import org.openlearning.error.ApiException;
import org.openlearning.identity.PlatformUser;
import org.openlearning.intent.IntentQueue;
import org.openlearning.storage.ObjectStore;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Starts a catalog import: streams the CSV to the object store, writes the intent record, and
 * enqueues its job after commit. A failed upload leaves no record.
 */
@Service
public class CatalogImports {

    private final ObjectStore store;
    private final CatalogImportDao imports;
    private final IntentQueue intents;

    CatalogImports(ObjectStore store, CatalogImportDao imports, IntentQueue intents) {
        this.store = store;
        this.imports = imports;
        this.intents = intents;
    }

    public long start(PlatformUser admin, MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw ApiException.invalid("file", "choose a non-empty CSV file");
        }
        String name = file.getOriginalFilename() == null ? "catalog.csv" : file.getOriginalFilename();
        String safeName = name.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (safeName.length() > 100) {
            safeName = safeName.substring(safeName.length() - 100);
        }
        String key = "catalog-imports/" + UUID.randomUUID() + "/" + safeName;
        try (InputStream in = file.getInputStream()) {
            store.put(key, in, file.getSize(), "text/csv");
        } catch (IOException e) {
            throw new IllegalStateException("could not read the upload", e);
        }
        return record(admin.id(), name, key, file.getSize());
    }

    /** The insert commits on its own, so the job is enqueued only once the record exists. */
    private long record(long userId, String fileName, String key, long size) {
        long id = imports.insert(userId, fileName.length() > 200 ? fileName.substring(0, 200) : fileName, key, size);
        intents.enqueue(CatalogImportRequest.INTENT, id);
        return id;
    }
}
