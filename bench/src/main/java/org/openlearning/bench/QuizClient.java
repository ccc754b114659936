package org.openlearning.bench;

import java.io.IOException;
import java.net.URI;
import java.util.function.BiConsumer;

/**
 * One client of the quiz bench: a keep-alive connection and its own learners, taken in turn; for
 * each, an attempt is started ({@code POST /api/assessments/{lesson}/attempts}) and submitted
 * ({@code POST /api/assessments/{lesson}/submit}), every fifth half right (a fail), the others all
 * right. The two requests are counted and timed apart.
 */
final class QuizClient implements AutoCloseable {

    private final QuizCourse quiz;
    private final int[] learners;
    private final HttpLoad http;
    private final BiConsumer<String, String> firstError;
    private final String startPath;
    private final String submitPath;
    private int next;
    private long submissions;

    /** Client {@code index} of {@code clients} owns learners {@code index}, {@code index + clients}, … */
    QuizClient(QuizCourse quiz, int index, int clients, URI web, BiConsumer<String, String> firstError) {
        this.quiz = quiz;
        int count = 0;
        for (int e = index; e < quiz.course().enrollments().length; e += clients) {
            count++;
        }
        this.learners = new int[count];
        for (int i = 0, e = index; i < count; i++, e += clients) {
            learners[i] = e;
        }
        this.http = new HttpLoad(web);
        this.firstError = firstError;
        this.startPath = "/api/assessments/" + quiz.lesson() + "/attempts";
        this.submitPath = "/api/assessments/" + quiz.lesson() + "/submit";
    }

    /**
     * Start and submit until {@code deadline} ({@code onePass}: or until each of this client's learners
     * had a turn); {@code graded} counts submissions, {@code starts} starts.
     */
    void loop(Round.Counter graded, Round.Counter starts, long deadline, boolean onePass) {
        for (int turns = 0; System.nanoTime() < deadline && learners.length > 0; turns++) {
            if (onePass && turns == learners.length) {
                return;
            }
            String token = quiz.course().tokens()[learners[next]];
            next = (next + 1) % learners.length;
            long attempt = start(token, starts);
            if (attempt < 0) {
                continue;
            }
            String answers = ++submissions % 5 == 0 ? quiz.half() : quiz.correct();
            long t0 = System.nanoTime();
            try {
                HttpLoad.Answer a = http.post(submitPath, token, "{\"attempt_id\":" + attempt + ",\"answers\":" + answers + "}");
                long t1 = System.nanoTime();
                if (!a.ok() || !a.body().contains("\"score\":")) {
                    error(graded, "submit HTTP " + a.status(), a.body(), t1 - t0);
                } else if (a.body().contains("\"replayed\":true")) {
                    graded.existing(t1 - t0);
                } else {
                    graded.created(t1 - t0);
                }
            } catch (IOException | RuntimeException e) {
                error(graded, "submit " + e.getClass().getSimpleName(), e.getMessage(), System.nanoTime() - t0);
            }
        }
    }

    /** The new attempt's id, or -1 when starting failed. */
    private long start(String token, Round.Counter starts) {
        long t0 = System.nanoTime();
        try {
            HttpLoad.Answer a = http.post(startPath, token, "{}");
            long t1 = System.nanoTime();
            if (!a.ok()) {
                error(starts, "start HTTP " + a.status(), a.body(), t1 - t0);
                return -1;
            }
            long id = attemptId(a.body());
            if (a.status() == 201) {
                starts.created(t1 - t0);
            } else {
                starts.existing(t1 - t0); // resumed: an attempt of an earlier round left open
            }
            return id;
        } catch (IOException | RuntimeException e) {
            error(starts, "start " + e.getClass().getSimpleName(), e.getMessage(), System.nanoTime() - t0);
            return -1;
        }
    }

    static long attemptId(String body) {
        int at = body.indexOf("\"attempt_id\":");
        if (at < 0) {
            throw new IllegalStateException("no attempt_id in " + body);
        }
        int from = at + "\"attempt_id\":".length();
        int to = from;
        while (to < body.length() && Character.isDigit(body.charAt(to))) {
            to++;
        }
        return Long.parseLong(body.substring(from, to));
    }

    private void error(Round.Counter counter, String kind, String body, long nanos) {
        counter.error(kind, nanos);
        firstError.accept(kind, body);
    }

    int connects() {
        return http.connects();
    }

    @Override
    public void close() {
        http.close();
    }
}
