package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.openlearning.certificate.CertificateBatchRequest;
import org.openlearning.certificate.CertificateIds;
import org.openlearning.storage.ObjectStore;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** Verification, revocation, the learner's downloads and the registrar's batches, through HTTP. */
class CertificateWebTest extends WebTest {

    @Autowired
    ObjectStore store;

    private Response verifyJson(String id) {
        return exchange(HttpRequest.newBuilder(URI.create(url("/certificates/" + id + "/verify")))
                .header("Accept", "application/json").GET().build());
    }

    private Response verifyHtml(String id) {
        return exchange(HttpRequest.newBuilder(URI.create(url("/certificates/" + id + "/verify")))
                .header("Accept", "text/html").GET().build());
    }

    private CertificateFixtures.Issued issuedTo(Account learner, String name) throws Exception {
        long course = publishedCourse(account("INSTRUCTOR"), "Signals " + CertificateIds.next().substring(0, 6));
        return CertificateFixtures.issue(this, store, learner.id(), course, name, null, null);
    }

    @Test
    void aValidCertificateVerifiesWithoutSignInAndNeverShowsAnEmail() throws Exception {
        Account learner = account();
        CertificateFixtures.Issued issued = issuedTo(learner, "José Ñúñez-Łukasiewicz");

        Response json = verifyJson(issued.id());
        Response html = verifyHtml(issued.id());

        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().get("status").asString()).isEqualTo("VALID");
        assertThat(json.json().get("learner_name").asString()).isEqualTo("José Ñúñez-Łukasiewicz");
        assertThat(json.json().get("course_title").asString()).isEqualTo("Signals and Systems");
        assertThat(json.json().get("partner_name").asString()).isEqualTo("Universidad de Señales");
        assertThat(json.json().get("sha256").asString()).isEqualTo(issued.sha256());
        assertThat(json.json().get("completed_on").asString()).isEqualTo("2026-11-02");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.body()).contains("Valid certificate").contains("José Ñúñez-Łukasiewicz").contains(issued.sha256());
        for (Response r : new Response[] {json, html}) {
            assertThat(r.body()).doesNotContain(learner.email()).doesNotContain("@example.org");
        }
    }

    @Test
    void unknownAndMalformedIdsVerifyAsUnknown() {
        Response unknown = verifyJson(CertificateIds.next());
        Response malformed = verifyJson("not-a-certificate");
        Response page = verifyHtml(CertificateIds.next());

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("status").asString()).isEqualTo("UNKNOWN");
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.json().get("status").asString()).isEqualTo("UNKNOWN");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("Unknown certificate");
    }

    @Test
    void aRevokedCertificateVerifiesAsRevokedAtOnceWithDateAndReason() throws Exception {
        Account registrar = account("REGISTRAR");
        Account learner = account();
        CertificateFixtures.Issued issued = issuedTo(learner, "Ελένη Παπαδοπούλου");

        Response revoked = post("/api/registrar/certificates/" + issued.id() + "/revocation",
                Map.of("reason", "Academic misconduct in the final exam"), registrar.token());
        Response after = verifyJson(issued.id());
        Response again = post("/api/registrar/certificates/" + issued.id() + "/revocation",
                Map.of("reason", "twice"), registrar.token());

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(after.json().get("status").asString()).isEqualTo("REVOKED");
        assertThat(after.json().get("revocation_reason").asString()).isEqualTo("Academic misconduct in the final exam");
        assertThat(after.json().get("revoked_at").isNull()).isFalse();
        assertThat(verifyHtml(issued.id()).body()).contains("Revoked").contains("Academic misconduct in the final exam");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("field").asString()).isEqualTo("certificate_id");
        assertThat(text("SELECT revoked_by::text FROM certificates WHERE id = ?", issued.id()))
                .isEqualTo(String.valueOf(registrar.id()));
    }

    @Test
    void revocationNeedsARegistrarAReasonAndAnIssuedCertificate() throws Exception {
        Account registrar = account("REGISTRAR");
        Account learner = account();
        CertificateFixtures.Issued issued = issuedTo(learner, "Ana Lee");

        Response byLearner = post("/api/registrar/certificates/" + issued.id() + "/revocation",
                Map.of("reason", "mine"), learner.token());
        Response noReason = post("/api/registrar/certificates/" + issued.id() + "/revocation",
                Map.of("reason", "  "), registrar.token());
        Response unknown = post("/api/registrar/certificates/" + CertificateIds.next() + "/revocation",
                Map.of("reason", "x"), registrar.token());

        assertThat(byLearner.status()).isEqualTo(403);
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().get("field").asString()).isEqualTo("reason");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(verifyJson(issued.id()).json().get("status").asString()).isEqualTo("VALID");
    }

    @Test
    void aLearnerListsAndDownloadsOnlyTheirOwnCertificates() throws Exception {
        Account learner = account();
        Account other = account();
        CertificateFixtures.Issued issued = issuedTo(learner, "Дмитрий Шостакович");

        Response mine = get("/api/me/certificates", learner.token());
        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(url("/certificates/" + issued.id() + "/pdf")))
                .header("Authorization", "Bearer " + learner.token()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(mine.json()).hasSize(1);
        assertThat(mine.json().get(0).get("verify_url").asString()).endsWith("/certificates/" + issued.id() + "/verify");
        assertThat(mine.json().get(0).get("status").asString()).isEqualTo("VALID");
        assertThat(get("/api/me/certificates", other.token()).json()).isEmpty();
        // the PDF route is a page route: a session is needed, so a browser of another learner is refused
        BrowserSession otherSession = signIn(port, other.email(), PASSWORD);
        HttpResponse<byte[]> foreign = http.send(HttpRequest.newBuilder(URI.create(url("/certificates/" + issued.id() + "/pdf")))
                .header("Cookie", otherSession.cookie()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        BrowserSession ownSession = signIn(port, learner.email(), PASSWORD);
        HttpResponse<byte[]> own = http.send(HttpRequest.newBuilder(URI.create(url("/certificates/" + issued.id() + "/pdf")))
                .header("Cookie", ownSession.cookie()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).isEqualTo(issued.bytes());
        assertThat(own.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(download.statusCode()).isIn(200, 302, 401);
    }

    @Test
    void aBatchUploadIsStoredRecordedAndEnqueuedAndItsPdfsDownloadAsOneZip() throws Exception {
        Account registrar = account("REGISTRAR");
        Response r = upload(registrar.token(), "spring cohort.csv", "email,course\nlearner@example.org,some-course\n");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        JsonNode batch = r.json().get("batch");
        long id = batch.get("id").asLong();
        assertThat(batch.get("status").asString()).isEqualTo("QUEUED");
        assertThat(store.exists(text("SELECT object_key FROM certificate_batches WHERE id = ?", id))).isTrue();
        String jobId = CertificateBatchRequest.INTENT.jobId(id).toString();
        assertThat(count("SELECT count(*) FROM jobrunr_jobs WHERE id = ? AND state = 'ENQUEUED'", jobId)).isEqualTo(1);

        Account a = account();
        Account b = account();
        CertificateFixtures.Issued first = CertificateFixtures.issue(this, store, a.id(),
                publishedCourse(account("INSTRUCTOR"), "Zip course A"), "A", id, 2);
        CertificateFixtures.Issued second = CertificateFixtures.issue(this, store, b.id(),
                publishedCourse(account("INSTRUCTOR"), "Zip course B"), "B", id, 3);
        BrowserSession session = signIn(port, registrar.email(), PASSWORD);
        HttpResponse<byte[]> zip = http.send(HttpRequest.newBuilder(URI.create(url("/registrar/batches/" + id + "/certificates.zip")))
                .header("Cookie", session.cookie()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(zip.statusCode()).isEqualTo(200);
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(entries).containsOnlyKeys("line-00002-" + first.id() + ".pdf", "line-00003-" + second.id() + ".pdf");
        assertThat(entries.get("line-00003-" + second.id() + ".pdf")).isEqualTo(second.bytes());
    }

    @Test
    void batchesAreForRegistrarsAndAnEmptyFileLeavesNoRecord() throws Exception {
        Account learner = account();
        Account registrar = account("REGISTRAR");
        long before = count("SELECT count(*) FROM certificate_batches");

        Response forbidden = upload(learner.token(), "x.csv", "email,course\na@b.c,x\n");
        Response empty = upload(registrar.token(), "empty.csv", "");

        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().get("field").asString()).isEqualTo("file");
        assertThat(count("SELECT count(*) FROM certificate_batches")).isEqualTo(before);
        assertThat(get("/api/registrar/certificate-batches/999999", registrar.token()).status()).isEqualTo(404);
    }

    private Response upload(String token, String fileName, String content) throws Exception {
        String boundary = "----batch" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/api/registrar/certificate-batches")))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), r.body().isEmpty() ? null : json.readTree(r.body()), r.headers());
    }
}
