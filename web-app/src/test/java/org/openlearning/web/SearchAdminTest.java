package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openlearning.search.CourseIndex;
import org.openlearning.search.SearchReindexRequest;
import org.springframework.beans.factory.annotation.Autowired;

/** The admin's search page and API: who may see them, and that a rebuild is asked for once at a time. */
class SearchAdminTest extends WebTest {

    @Autowired
    CourseIndex index;

    private static final String ACTIVE = "status IN ('REQUESTED', 'QUEUED', 'RUNNING')";

    @BeforeEach
    @AfterEach
    void noRebuildWaiting() {
        // no worker runs in these tests: settle what a test left waiting, for the next one
        sql("UPDATE search_reindexes SET status = 'FAILED', failure_reason = 'test cleanup', finished_at = now() WHERE "
                + ACTIVE);
    }

    @Test
    void thePageRendersForAnAdminWithTheAliasBacklogAndButton() {
        Account admin = account("ADMIN");
        BrowserSession session = signIn(port, admin.email(), PASSWORD);
        Response page = session.send("GET", "/admin/search", null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Search index", index.alias(), "Outbox backlog", "course change(s) waiting",
                "Rebuild the search index now", "name=\"_csrf\"");
    }

    @Test
    void aLearnerMayNeitherSeeThePageNorUseTheApi() {
        Account learner = account();
        BrowserSession session = signIn(port, learner.email(), PASSWORD);
        assertThat(session.send("GET", "/admin/search", null, null).status()).isEqualTo(403);
        assertThat(get("/api/admin/search/reindexes", learner.token()).status()).isEqualTo(403);
        assertThat(post("/api/admin/search/reindexes", null, learner.token()).status()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM search_reindexes WHERE " + ACTIVE)).isZero();
    }

    @Test
    void theApiCreatesOneRebuildAndAnswers409WhileItIsActive() {
        Account admin = account("ADMIN");
        long before = count("SELECT count(*) FROM search_reindexes");
        Response first = post("/api/admin/search/reindexes", null, admin.token());
        assertThat(first.status()).isEqualTo(202);
        long id = first.json().get("id").asLong();
        assertThat(first.json().get("kind").asString()).isEqualTo("MANUAL");
        assertThat(first.json().get("status").asString()).isEqualTo("QUEUED");
        assertThat(first.json().get("requested_by").asLong()).isEqualTo(admin.id());
        assertThat(count("SELECT count(*) FROM jobrunr_jobs WHERE id = ?",
                SearchReindexRequest.INTENT.jobId(id).toString())).isEqualTo(1);

        Response second = post("/api/admin/search/reindexes", null, admin.token());
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("error").asString()).isEqualTo("conflict");
        assertThat(second.json().get("message").asString()).contains("already", "#" + id);
        assertThat(count("SELECT count(*) FROM search_reindexes")).isEqualTo(before + 1);

        Response list = get("/api/admin/search/reindexes", admin.token());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get(0).get("id").asLong()).isEqualTo(id);
    }

    @Test
    void theButtonRequestsARebuildAndASecondClickShowsAMessage() {
        Account admin = account("ADMIN");
        BrowserSession session = signIn(port, admin.email(), PASSWORD);
        String csrf = session.csrfTokenOf("/admin/search");

        Response click = session.form("/admin/search/reindexes", Map.of("_csrf", csrf));
        assertThat(click.status()).isEqualTo(302);
        assertThat(click.headers().firstValue("Location").orElse("")).endsWith("/admin/search");
        assertThat(session.send("GET", "/admin/search", null, null).body()).contains("requested", "QUEUED");
        assertThat(count("SELECT count(*) FROM search_reindexes WHERE " + ACTIVE)).isEqualTo(1);

        Response again = session.form("/admin/search/reindexes", Map.of("_csrf", csrf));
        assertThat(again.status()).isEqualTo(302);
        Response page = session.send("GET", "/admin/search", null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("A rebuild is already waiting or running");
        assertThat(count("SELECT count(*) FROM search_reindexes WHERE " + ACTIVE)).isEqualTo(1);
    }
}
