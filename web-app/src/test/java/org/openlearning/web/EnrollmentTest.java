package org.openlearning.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class EnrollmentTest extends WebTest {

    @Test
    void enrollingTwiceReturnsTheSameEnrollment() {
        long course = publishedCourse(account("INSTRUCTOR"), "Statistics Basics");
        Account learner = account();
        Response first = post("/api/enrollments", Map.of("course_id", course), learner.token());
        Response second = post("/api/enrollments", Map.of("course_id", course), learner.token());
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(get("/api/courses/" + course, null).json().get("enrollment_count").asLong()).isEqualTo(1);
    }

    @Test
    void twentyConcurrentIdenticalRequestsMakeOneEnrollment() throws Exception {
        long course = publishedCourse(account("INSTRUCTOR"), "Concurrency in Practice");
        Account learner = account();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                Callable<Response> call = () -> {
                    start.await();
                    return post("/api/enrollments", Map.of("course_id", course), learner.token());
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : results) {
                responses.add(f.get());
            }
            assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(200, 201));
            assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(1);
            Set<Long> ids = responses.stream().map(r -> r.json().get("id").asLong()).collect(Collectors.toSet());
            assertThat(ids).hasSize(1);
        }
        assertThat(count("SELECT count(*) FROM enrollments WHERE user_id = ? AND course_id = ?", learner.id(), course))
                .isEqualTo(1);
        assertThat(count("SELECT enrollment_count FROM courses WHERE id = ?", course)).isEqualTo(1);
    }

    @Test
    void unknownAndUnpublishedCoursesAreNotFound() {
        Account instructor = account("INSTRUCTOR");
        long draft = post("/api/courses", Map.of("title", "Still a Draft"), instructor.token()).json().get("id").asLong();
        Account learner = account();

        Response unknown = post("/api/enrollments", Map.of("course_id", 987654321), learner.token());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asString()).isEqualTo("not_found");
        assertThat(post("/api/enrollments", Map.of("course_id", draft), learner.token()).status()).isEqualTo(404);
        assertThat(count("SELECT count(*) FROM enrollments WHERE user_id = ?", learner.id())).isZero();
    }

    @Test
    void badRequestsSayWhatIsWrong() {
        Account learner = account();
        Response missing = post("/api/enrollments", Map.of(), learner.token());
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("field").asString()).isEqualTo("course_id");

        Response notANumber = post("/api/enrollments", "{\"course_id\": \"abc\"}", learner.token());
        assertThat(notANumber.status()).isEqualTo(400);

        assertThat(post("/api/enrollments", Map.of("course_id", 1), null).status()).isEqualTo(401);
    }

    @Test
    void myEnrollmentsListTheCourses() {
        long course = publishedCourse(account("INSTRUCTOR"), "Listing Course");
        Account learner = account();
        post("/api/enrollments", Map.of("course_id", course), learner.token());
        Response mine = get("/api/enrollments", learner.token());
        assertThat(mine.json().size()).isEqualTo(1);
        assertThat(mine.json().get(0).get("title").asString()).isEqualTo("Listing Course");
    }
}
