package org.openlearning.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * One client of the quiz bench: a keep-alive connection and its own learners, taken in turn; for
 * each, an attempt is started ({@code POST /api/assessments/{lesson}/attempts}) and submitted
 * ({@code POST /api/assessments/{lesson}/submit}), every fifth half right (a fail), the others all
 * right. The two requests are counted and timed apart. Driven by {@link EventLoopHttp}: what it
 * tallies goes to the counters of the current phase.
 */
final class QuizClient implements EventLoopHttp.Exchange {

    private final QuizCourse quiz;
    private final int[] learners;
    private final String host;
    private final BiConsumer<String, String> firstError;
    private final String startPath;
    private final String submitPath;
    private int next;
    private long submissions;
    private int turns;
    private String token;
    /** The attempt to submit next, or -1: the next request starts one. */
    private long attempt = -1;
    private boolean submitting;
    private Round.Counter graded;
    private Round.Counter starts;
    private boolean onePass;

    /** Client {@code index} of {@code clients} owns learners {@code index}, {@code index + clients}, … */
    QuizClient(QuizCourse quiz, int index, int clients, String host, BiConsumer<String, String> firstError) {
        this.quiz = quiz;
        int count = 0;
        for (int e = index; e < quiz.course().enrollments().length; e += clients) {
            count++;
        }
        this.learners = new int[count];
        for (int i = 0, e = index; i < count; i++, e += clients) {
            learners[i] = e;
        }
        this.host = host;
        this.firstError = firstError;
        this.startPath = "/api/assessments/" + quiz.lesson() + "/attempts";
        this.submitPath = "/api/assessments/" + quiz.lesson() + "/submit";
    }

    /**
     * Tallies the next phase: {@code graded} counts submissions, {@code starts} starts;
     * {@code onePass}: the phase ends when each of this client's learners had a turn.
     */
    void phase(Round.Counter graded, Round.Counter starts, boolean onePass) {
        this.graded = graded;
        this.starts = starts;
        this.onePass = onePass;
        this.turns = 0;
    }

    @Override
    public byte[] next() {
        if (attempt >= 0) {
            submitting = true;
            String answers = ++submissions % 5 == 0 ? quiz.half() : quiz.correct();
            return EventLoopHttp.request("POST", submitPath, host, token,
                    "{\"attempt_id\":" + attempt + ",\"answers\":" + answers + "}");
        }
        if (learners.length == 0 || (onePass && turns == learners.length)) {
            return null;
        }
        turns++;
        submitting = false;
        token = quiz.course().tokens()[learners[next]];
        next = (next + 1) % learners.length;
        return EventLoopHttp.request("POST", startPath, host, token, "{}");
    }

    @Override
    public void answered(int status, byte[] bytes, long nanos) {
        String body = new String(bytes, StandardCharsets.UTF_8);
        if (submitting) {
            attempt = -1;
            if (status < 200 || status >= 300 || !body.contains("\"score\":")) {
                error(graded, "submit HTTP " + status, body, nanos);
            } else if (body.contains("\"replayed\":true")) {
                graded.existing(nanos);
            } else {
                graded.created(nanos);
            }
            return;
        }
        if (status < 200 || status >= 300) {
            error(starts, "start HTTP " + status, body, nanos);
            return;
        }
        attempt = attemptId(body);
        if (status == 201) {
            starts.created(nanos);
        } else {
            starts.existing(nanos); // resumed: an attempt of an earlier round left open
        }
    }

    @Override
    public void failed(IOException e, long nanos) {
        error(submitting ? graded : starts, (submitting ? "submit " : "start ") + e.getClass().getSimpleName(),
                e.getMessage(), nanos);
        attempt = -1;
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
}
