package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.openlearning.catalogimport.CatalogImportRequest;
import org.openlearning.intent.IntentQueue;
import org.openlearning.storage.ObjectStore;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** The web app's half of a catalog import: the file in the object store, the intent row, the job enqueued. */
class CatalogImportUploadTest extends WebTest {

    @Autowired
    ObjectStore store;

    @Autowired
    IntentQueue intents;

    private Response upload(String token, String fileName, String content) throws Exception {
        String boundary = "----import" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/api/admin/catalog-imports")))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), json.readTree(r.body()), r.headers());
    }

    @Test
    void anUploadIsStoredRecordedAndEnqueuedOnce() throws Exception {
        Account admin = account("ADMIN");
        Response r = upload(admin.token(), "partner catalog.csv", "title,partner\nData Basics,Northfield\n");
        assertThat(r.status()).isEqualTo(202);
        JsonNode imp = r.json().get("catalog_import");
        long id = imp.get("id").asLong();
        assertThat(imp.get("status").asString()).isEqualTo("QUEUED");
        assertThat(imp.get("file_name").asString()).isEqualTo("partner catalog.csv");
        assertThat(store.exists(imp.get("object_key").asString())).isTrue();

        String jobId = CatalogImportRequest.INTENT.jobId(id).toString();
        assertThat(count("SELECT count(*) FROM jobrunr_jobs WHERE id = ? AND state = 'ENQUEUED'", jobId)).isEqualTo(1);
        long jobs = count("SELECT count(*) FROM jobrunr_jobs");
        intents.enqueue(CatalogImportRequest.INTENT, id); // as the sweeper would, had it seen the row first
        assertThat(count("SELECT count(*) FROM jobrunr_jobs")).isEqualTo(jobs);
    }

    @Test
    void anEmptyFileIsRefusedAndLeavesNoRecord() throws Exception {
        Account admin = account("ADMIN");
        long before = count("SELECT count(*) FROM catalog_imports");
        Response r = upload(admin.token(), "empty.csv", "");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("field").asString()).isEqualTo("file");
        assertThat(count("SELECT count(*) FROM catalog_imports")).isEqualTo(before);
    }

    @Test
    void theStatusEndpointReportsAnUnknownImport() {
        Response r = get("/api/admin/catalog-imports/424242", account("ADMIN").token());
        assertThat(r.status()).isEqualTo(404);
    }
}
