package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class CatalogTest extends WebTest {

    @Test
    void aPublishedCourseIsFoundWithItsSyllabusAndADraftIsNot() {
        Account instructor = account("INSTRUCTOR");
        long published = publishedCourse(instructor, "Bayesian Thinking for Analysts");
        post("/api/courses", Map.of("title", "Bayesian Draft"), instructor.token());

        JsonNode page = get("/api/courses?query=bayesian", null).json();
        List<String> titles = page.get("items").valueStream().map(n -> n.get("title").asString()).toList();
        assertThat(titles).contains("Bayesian Thinking for Analysts").doesNotContain("Bayesian Draft");

        JsonNode course = get("/api/courses/" + published, null).json();
        assertThat(course.get("modules").get(0).get("lessons").get(0).get("title").asString()).isEqualTo("Welcome");
        assertThat(course.get("instructors").get(0).asString()).startsWith("Test ");
    }

    @Test
    void filtersAndPagingNarrowTheList() {
        Account instructor = account("INSTRUCTOR");
        for (int i = 1; i <= 3; i++) {
            long id = publishedCourse(instructor, "Filterable Course " + i);
            send("PUT", "/api/courses/" + id, Map.of("title", "Filterable Course " + i, "category", "Filter Testing",
                    "level", i == 1 ? "ADVANCED" : "BEGINNER", "language", i == 3 ? "es" : "en"), instructor.token());
        }
        assertThat(get("/api/courses?category=Filter%20Testing", null).json().get("total").asLong()).isEqualTo(3);
        assertThat(get("/api/courses?category=Filter%20Testing&level=advanced", null).json().get("total").asLong())
                .isEqualTo(1);
        assertThat(get("/api/courses?category=Filter%20Testing&language=es", null).json().get("total").asLong())
                .isEqualTo(1);
        JsonNode paged = get("/api/courses?category=Filter%20Testing&size=2&page=2&sort=title", null).json();
        assertThat(paged.get("items").size()).isEqualTo(1);
        assertThat(paged.get("pages").asLong()).isEqualTo(2);
        assertThat(paged.get("items").get(0).get("title").asString()).isEqualTo("Filterable Course 3");
    }

    @Test
    void badFiltersAreExplained() {
        Response level = get("/api/courses?level=guru", null);
        assertThat(level.status()).isEqualTo(400);
        assertThat(level.json().get("field").asString()).isEqualTo("level");
        assertThat(get("/api/courses?page=0", null).json().get("field").asString()).isEqualTo("page");
        assertThat(get("/api/courses?sort=random", null).json().get("field").asString()).isEqualTo("sort");
    }

    @Test
    void courseInputIsValidatedAndPublishingNeedsALesson() {
        Account instructor = account("INSTRUCTOR");
        Response noTitle = post("/api/courses", Map.of("summary", "no title"), instructor.token());
        assertThat(noTitle.status()).isEqualTo(422);
        assertThat(noTitle.json().get("field").asString()).isEqualTo("title");

        Response badLanguage = post("/api/courses", Map.of("title", "T", "language", "english"), instructor.token());
        assertThat(badLanguage.json().get("field").asString()).isEqualTo("language");

        long empty = post("/api/courses", Map.of("title", "Empty Course"), instructor.token()).json().get("id").asLong();
        Response publish = post("/api/courses/" + empty + "/status", Map.of("status", "PUBLISHED"), instructor.token());
        assertThat(publish.status()).isEqualTo(422);
        assertThat(publish.json().get("message").asString()).contains("lesson");
        assertThat(count("SELECT count(*) FROM courses WHERE id = ? AND status = 'DRAFT'", empty)).isEqualTo(1);
    }

    @Test
    void slugsStayUniqueForEqualTitles() {
        Account instructor = account("INSTRUCTOR");
        String a = post("/api/courses", Map.of("title", "Twin Title"), instructor.token()).json().get("slug").asString();
        String b = post("/api/courses", Map.of("title", "Twin Title"), instructor.token()).json().get("slug").asString();
        assertThat(a).isEqualTo("twin-title");
        assertThat(b).isEqualTo("twin-title-2");
    }

    @Test
    void theCatalogPagesRender() {
        Account instructor = account("INSTRUCTOR");
        long id = publishedCourse(instructor, "Rendered Course");
        String slug = get("/api/courses/" + id, null).json().get("slug").asString();
        Response list = send("GET", "/courses?query=Rendered", null, null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Rendered Course");
        Response detail = send("GET", "/courses/" + slug, null, null);
        assertThat(detail.body()).contains("Rendered Course", "Week 1", "Welcome", "Sign in to enroll");
    }
}
