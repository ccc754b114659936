package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Who may do what: anonymous callers, learners, instructors and admins, endpoint by endpoint. */
class AuthorizationTest extends WebTest {

    @Test
    void anonymousCallersGetA401OnEveryPrivateEndpoint() {
        for (String path : new String[] {"/api/me", "/api/enrollments", "/api/enrollments/1", "/api/me/tokens",
                "/api/admin/catalog-imports"}) {
            Response r = get(path, null);
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.json().get("error").asString()).as(path).isEqualTo("unauthorized");
        }
        assertThat(post("/api/enrollments", Map.of("course_id", 1), null).status()).isEqualTo(401);
        assertThat(post("/api/courses", Map.of("title", "x"), null).status()).isEqualTo(401);
    }

    @Test
    void aLearnerCannotReadAnotherLearnersEnrollment() {
        Account instructor = account("INSTRUCTOR");
        long course = publishedCourse(instructor, "Privacy in Practice");
        Account alice = account();
        Account bob = account();
        long aliceEnrollment = post("/api/enrollments", Map.of("course_id", course), alice.token()).json().get("id").asLong();

        assertThat(get("/api/enrollments/" + aliceEnrollment, alice.token()).status()).isEqualTo(200);
        Response bobs = get("/api/enrollments/" + aliceEnrollment, bob.token());
        assertThat(bobs.status()).isEqualTo(403);
        assertThat(bobs.json().get("error").asString()).isEqualTo("forbidden");
        assertThat(get("/api/enrollments", bob.token()).json().size()).isZero();
        assertThat(get("/api/enrollments", alice.token()).json().size()).isEqualTo(1);
    }

    @Test
    void anInstructorCannotEditAnotherInstructorsCourse() {
        Account owner = account("INSTRUCTOR");
        Account other = account("INSTRUCTOR");
        long course = publishedCourse(owner, "Owned Course");
        long module = get("/api/courses/" + course, owner.token()).json().get("modules").get(0).get("id").asLong();

        assertThat(send("PUT", "/api/courses/" + course, Map.of("title", "Taken over"), other.token()).status())
                .isEqualTo(403);
        assertThat(post("/api/courses/" + course + "/status", Map.of("status", "ARCHIVED"), other.token()).status())
                .isEqualTo(403);
        assertThat(post("/api/courses/" + course + "/modules", Map.of("title", "Extra"), other.token()).status())
                .isEqualTo(403);
        assertThat(post("/api/modules/" + module + "/lessons", Map.of("title", "Extra", "kind", "VIDEO"),
                other.token()).status()).isEqualTo(403);
        assertThat(get("/api/courses/" + course, null).json().get("title").asString()).isEqualTo("Owned Course");

        Response own = send("PUT", "/api/courses/" + course, Map.of("title", "Owned Course, 2nd edition"), owner.token());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("title").asString()).isEqualTo("Owned Course, 2nd edition");
    }

    @Test
    void anAdminMayEditAnyCourse() {
        Account owner = account("INSTRUCTOR");
        Account admin = account("ADMIN");
        long course = publishedCourse(owner, "Administered Course");
        assertThat(send("PUT", "/api/courses/" + course, Map.of("title", "Fixed by an admin"), admin.token()).status())
                .isEqualTo(200);
    }

    @Test
    void learnersCannotAuthorCoursesOrImportCatalogs() {
        Account learner = account();
        assertThat(post("/api/courses", Map.of("title", "Mine"), learner.token()).status()).isEqualTo(403);
        assertThat(get("/api/admin/catalog-imports", learner.token()).status()).isEqualTo(403);
        Account instructor = account("INSTRUCTOR");
        assertThat(get("/api/admin/catalog-imports", instructor.token()).status()).isEqualTo(403);
    }

    @Test
    void aDraftIsVisibleToItsInstructorOnly() {
        Account owner = account("INSTRUCTOR");
        long draft = post("/api/courses", Map.of("title", "Unfinished Draft"), owner.token()).json().get("id").asLong();
        assertThat(get("/api/courses/" + draft, owner.token()).status()).isEqualTo(200);
        assertThat(get("/api/courses/" + draft, account().token()).status()).isEqualTo(404);
        assertThat(get("/api/courses/" + draft, null).status()).isEqualTo(404);
    }

    @Test
    void pagesSendStrangersToSignInAndRefuseTheWrongRole() {
        Response myLearning = get("/my-learning", null);
        assertThat(myLearning.status()).isEqualTo(302);
        assertThat(myLearning.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void aSignedInBrowserNeedsTheCsrfTokenToPostToTheApi() {
        Account instructor = account("INSTRUCTOR");
        long course = publishedCourse(instructor, "Forms and Forgery");
        Account learner = account();
        BrowserSession session = signIn(port, learner.email(), PASSWORD);

        Response forged = session.send("POST", "/api/enrollments", "{\"course_id\": " + course + "}", null);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM enrollments WHERE user_id = ?", learner.id())).isZero();

        String csrf = session.csrfTokenOf("/courses");
        Response real = session.send("POST", "/api/enrollments", "{\"course_id\": " + course + "}", csrf);
        assertThat(real.status()).isEqualTo(201);
    }

    @Test
    void aLearnerIsRefusedTheInstructorAndAdminPages() {
        Account learner = account();
        BrowserSession session = signIn(port, learner.email(), PASSWORD);
        assertThat(session.send("GET", "/teach", null, null).status()).isEqualTo(403);
        assertThat(session.send("GET", "/admin/imports", null, null).status()).isEqualTo(403);
        assertThat(session.send("GET", "/my-learning", null, null).status()).isEqualTo(200);
    }

    @Test
    void aLearnerCannotRevokeAnotherLearnersToken() {
        Account alice = account();
        Account bob = account();
        long aliceToken = get("/api/me/tokens", alice.token()).json().get(0).get("id").asLong();
        Response r = send("DELETE", "/api/me/tokens/" + aliceToken, null, bob.token());
        assertThat(r.status()).isEqualTo(404);
        assertThat(get("/api/me", alice.token()).status()).isEqualTo(200);
        assertThat(get("/api/me/tokens", bob.token()).json().toString()).doesNotContain(String.valueOf(aliceToken) + ",");
    }

    @Test
    void theAccountPageRevokesOnlyTheSignedInLearnersTokens() {
        Account alice = account();
        Account bob = account();
        long aliceToken = get("/api/me/tokens", alice.token()).json().get(0).get("id").asLong();
        BrowserSession bobs = signIn(port, bob.email(), PASSWORD);
        String csrf = bobs.csrfTokenOf("/account");
        assertThat(bobs.send("POST", "/account/tokens/" + aliceToken + "/revoke", null, csrf).status()).isEqualTo(302);
        assertThat(get("/api/me", alice.token()).status()).isEqualTo(200);
        assertThat(bobs.send("GET", "/account", null, null).body()).doesNotContain(alice.email());
    }

    @Test
    void theCourseEditorRefusesAnotherInstructorsChanges() {
        Account owner = account("INSTRUCTOR");
        long course = publishedCourse(owner, "Guarded Course");
        BrowserSession other = signIn(port, account("INSTRUCTOR").email(), PASSWORD);
        String csrf = other.csrfTokenOf("/teach");
        assertThat(other.form("/teach/courses/" + course + "/modules", Map.of("title", "Hijack", "_csrf", csrf))
                .status()).isEqualTo(403);
        assertThat(other.form("/teach/courses/" + course + "/status", Map.of("status", "ARCHIVED", "_csrf", csrf))
                .status()).isEqualTo(403);
        assertThat(other.form("/teach/courses/987654/modules", Map.of("title", "Nowhere", "_csrf", csrf)).status())
                .isEqualTo(404);
        assertThat(count("SELECT count(*) FROM course_modules WHERE course_id = ?", course)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM courses WHERE id = ? AND status = 'PUBLISHED'", course)).isEqualTo(1);
    }

    @Test
    void videoUploadsBelongToTheCoursesInstructorsAndAdmins() {
        Account owner = account("INSTRUCTOR");
        long lesson = videoLesson(owner, "Guarded Video");
        byte[] bytes = new byte[1000];
        String fresh = "{\"file_name\": \"a.mp4\", \"size_bytes\": 1000, \"fingerprint\": \"a\"}";
        long upload = post("/api/lessons/" + lesson + "/video-uploads", fresh, owner.token()).json().get("id").asLong();
        long failed = post("/api/lessons/" + lesson + "/video-uploads", fresh.replace("\"a\"", "\"b\""),
                owner.token()).json().get("id").asLong();
        sql("UPDATE video_uploads SET status = 'FAILED', failure_reason = 'not a video' WHERE id = ?", failed);

        record Call(String method, String path) {
        }
        List<Call> calls = List.of(new Call("POST", "/api/lessons/" + lesson + "/video-uploads"),
                new Call("GET", "/api/lessons/" + lesson + "/video-uploads"),
                new Call("PUT", "/api/video-uploads/" + upload + "/parts/1"),
                new Call("POST", "/api/video-uploads/" + upload + "/complete"),
                new Call("GET", "/api/video-uploads/" + upload),
                new Call("GET", "/api/video-uploads?ids=" + upload),
                new Call("POST", "/api/video-uploads/" + failed + "/retry"),
                new Call("DELETE", "/api/video-uploads/" + upload));
        java.util.function.BiFunction<Call, String, Response> call = (c, token) -> switch (c.method()) {
            case "PUT" -> putBytes(c.path(), bytes, token);
            case "POST" -> send("POST", c.path(), c.path().endsWith("video-uploads") ? fresh : null, token);
            default -> send(c.method(), c.path(), null, token);
        };
        Account otherInstructor = account("INSTRUCTOR");
        Account learner = account();
        for (Call c : calls) {
            assertThat(call.apply(c, otherInstructor.token()).status()).as("another instructor: " + c).isEqualTo(403);
            assertThat(call.apply(c, learner.token()).status()).as("a learner: " + c).isEqualTo(403);
            Response anonymous = call.apply(c, null);
            assertThat(anonymous.status()).as("anonymous: " + c).isEqualTo(401);
            assertThat(anonymous.json().get("error").asString()).isEqualTo("unauthorized");
        }
        assertThat(get("/api/video-uploads", otherInstructor.token()).json().size()).isZero();
        assertThat(count("SELECT count(*) FROM video_uploads WHERE lesson_id = ?", lesson)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM video_upload_parts WHERE upload_id = ?", upload)).isZero();

        Account admin = account("ADMIN");
        int[] expected = {201, 200, 200, 202, 200, 200, 201, 409};
        for (int i = 0; i < calls.size(); i++) {
            Response r = call.apply(calls.get(i), admin.token());
            assertThat(r.status()).as("an admin: " + calls.get(i) + " " + r.body()).isEqualTo(expected[i]);
        }
        // the admin's own upload (started above) is still in progress: the admin may cancel it
        long adminsUpload = get("/api/lessons/" + lesson + "/video-uploads", admin.token()).json().valueStream()
                .filter(u -> u.get("status").asString().equals("UPLOADING")).findFirst().orElseThrow()
                .get("id").asLong();
        assertThat(send("DELETE", "/api/video-uploads/" + adminsUpload, null, admin.token()).status()).isEqualTo(200);
    }

    @Test
    void theVideoPagesAreTheCoursesInstructorsOnly() {
        Account owner = account("INSTRUCTOR");
        long lesson = videoLesson(owner, "Private Lecture");
        BrowserSession ownerSession = signIn(port, owner.email(), PASSWORD);
        assertThat(ownerSession.send("GET", "/teach/lessons/" + lesson, null, null).body()).contains("Upload");
        assertThat(ownerSession.send("GET", "/teach/uploads", null, null).status()).isEqualTo(200);

        BrowserSession other = signIn(port, account("INSTRUCTOR").email(), PASSWORD);
        assertThat(other.send("GET", "/teach/lessons/" + lesson, null, null).status()).isEqualTo(403);
        assertThat(other.send("GET", "/teach/lessons/987654321", null, null).status()).isEqualTo(404);
        BrowserSession learner = signIn(port, account().email(), PASSWORD);
        assertThat(learner.send("GET", "/teach/lessons/" + lesson, null, null).status()).isEqualTo(403);
        assertThat(learner.send("GET", "/teach/uploads", null, null).status()).isEqualTo(403);
        assertThat(get("/teach/uploads", null).status()).isEqualTo(302);
    }
}
