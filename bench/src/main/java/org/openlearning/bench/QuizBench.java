package org.openlearning.bench;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code quiz}: graded quiz submissions through the HTTP API from 64 clients, each of its own
 * learners starting an attempt and submitting it, in turn. Settable: {@code -Dbench.quiz.seconds}
 * (measured time, 30), {@code -Dbench.quiz.clients} (64), {@code -Dbench.quiz.url} (the web app,
 * http://127.0.0.1:8080).
 */
final class QuizBench {

    static final int LEARNERS = 2_000;
    static final int CLIENTS = Integer.getInteger("bench.quiz.clients", 64);
    /** Event-loop threads of the load generator. */
    static final int LOOPS = Integer.getInteger("bench.quiz.loops", 2);
    static final int ROUNDS = 3;
    static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.quiz.seconds", 30));
    static final Duration WARMUP = Duration.ofSeconds(10);
    /** The first turn of every learner (a token and an enrollment never seen) is warm-up too, up to this long. */
    static final Duration FIRST_TURNS = Duration.ofSeconds(120);
    static final URI WEB = URI.create(System.getProperty("bench.quiz.url", Local.WEB));

    private final Map<String, String> firstErrorBody = new ConcurrentHashMap<>();

    /** What one timed phase did: graded submissions and starts, apart. */
    private record Phase(Round graded, Round starts) {
    }

    Report run() throws Exception {
        try (Connection db = Local.connect()) {
            long t0 = System.nanoTime();
            QuizCourse quiz = QuizCourse.prepare(db, LEARNERS);
            try {
                Local.log(quiz.course().enrollments().length + " learners enrolled in course " + quiz.course().id()
                        + " with quiz " + quiz.quizId() + ", with tokens, in " + (System.nanoTime() - t0) / 1_000_000
                        + " ms");
                return measure(quiz, db);
            } finally {
                int removed = quiz.course().remove(db);
                Local.log("cleanup: removed the bench course with its quiz and attempts, " + removed
                        + " enrollments and the learners");
            }
        }
    }

    private Report measure(QuizCourse quiz, Connection db) throws Exception {
        List<QuizClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new QuizClient(quiz, i, CLIENTS, WEB.getHost() + ":" + WEB.getPort(), this::noteFirst));
        }
        preflight(quiz);
        Local.log("warm-up: one turn of each of the " + LEARNERS + " learners, then " + CLIENTS + " clients for "
                + WARMUP.toSeconds() + " s against " + WEB);
        Phase first = phase(clients, FIRST_TURNS, true);
        Local.log("first turns: submissions " + first.graded().summary() + "; starts " + first.starts().summary());
        Phase warm = phase(clients, WARMUP, false);
        Local.log("warm-up: submissions " + warm.graded().summary() + "; starts " + warm.starts().summary());
        List<Phase> rounds = new ArrayList<>();
        CpuUse.Snapshot before = CpuUse.snapshot(WEB.getPort());
        for (int i = 1; i <= ROUNDS; i++) {
            Phase p = phase(clients, MEASURED.dividedBy(ROUNDS), false);
            Local.log("round " + i + ": submissions " + p.graded().summary() + "; starts " + p.starts().summary());
            rounds.add(p);
        }
        String cpu = CpuUse.between(before, CpuUse.snapshot(WEB.getPort()), Runtime.getRuntime().availableProcessors());
        Local.log("CPU during the rounds (100 % = one core): " + cpu);
        long submitted = quiz.attempts(db, "SUBMITTED");
        return report(rounds, first.graded().created() + warm.graded().created(), submitted, cpu);
    }

    private static Phase phase(List<QuizClient> clients, Duration length, boolean onePass) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        List<Round.Counter> graded = new ArrayList<>();
        List<Round.Counter> starts = new ArrayList<>();
        for (QuizClient client : clients) {
            Round.Counter g = new Round.Counter();
            Round.Counter s = new Round.Counter();
            graded.add(g);
            starts.add(s);
            client.phase(g, s, onePass);
        }
        EventLoopHttp.run(WEB, clients, LOOPS, deadline);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Phase(Round.of(graded, seconds), Round.of(starts, seconds));
    }

    /** One start and submit before the load, so that a web app without quizzes fails the run at once. */
    private static void preflight(QuizCourse quiz) throws IOException {
        try (HttpLoad http = new HttpLoad(WEB)) {
            String token = quiz.course().tokens()[0];
            HttpLoad.Answer started = http.post("/api/assessments/" + quiz.lesson() + "/attempts", token, "{}");
            if (!started.ok()) {
                throw new IllegalStateException("starting an attempt on " + WEB + " answered " + started.status() + ": "
                        + started.body() + " (does this web app have quizzes?)");
            }
            HttpLoad.Answer graded = http.post("/api/assessments/" + quiz.lesson() + "/submit", token,
                    "{\"attempt_id\":" + QuizClient.attemptId(started.body()) + ",\"answers\":" + quiz.correct() + "}");
            if (!graded.ok() || !graded.body().contains("\"score\":10")) {
                throw new IllegalStateException("the preflight submission answered " + graded.status() + ": "
                        + graded.body());
            }
        }
    }

    private Report report(List<Phase> rounds, long warmGradings, long submitted, String cpu) {
        Round graded = Round.sum(rounds.stream().map(Phase::graded).toList());
        Round starts = Round.sum(rounds.stream().map(Phase::starts).toList());
        double[] rates = rounds.stream().mapToDouble(p -> p.graded().okPerSecond()).toArray();
        double rate = Stats.median(rates);
        double startRate = Stats.median(rounds.stream().mapToDouble(p -> p.starts().okPerSecond()).toArray());
        long gradings = graded.created() + warmGradings + 1; // + the preflight
        Report report = new Report()
                .put("submissions_per_s", rate, 1)
                .put("p50_ms", median(rounds, true, 50), 2)
                .put("p99_ms", median(rounds, true, 99), 2)
                .put("errors", graded.errors() + starts.errors())
                .put("starts_per_s", startRate, 1)
                .put("start_p50_ms", median(rounds, false, 50), 2)
                .put("start_p99_ms", median(rounds, false, 99), 2)
                .put("requests_per_s", rate + startRate, 1)
                .put("submissions", graded.requests())
                .put("replayed", graded.existing())
                .put("submitted_attempts_in_db", submitted)
                .put("gradings_seen_by_clients", gradings)
                .put("clients", CLIENTS)
                .put("learners", LEARNERS)
                .put("seconds", graded.seconds(), 1)
                .put("clients_event_loops", LOOPS);
        StringBuilder notes = new StringBuilder()
                .append("Each of ").append(CLIENTS).append(" clients (one keep-alive HTTP/1.1 connection each, driven by ").append(LOOPS)
                .append(" event-loop threads on non-blocking sockets) ")
                .append("takes its own learners in turn: POST /api/assessments/{lesson}/attempts, then POST /api/assessments/{lesson}/submit ")
                .append("with 5 answers (one question of every kind; every fifth submission half right, a fail); ")
                .append(ROUNDS).append(" rounds of ").append(MEASURED.dividedBy(ROUNDS).toSeconds()).append(" s after a ")
                .append("warm-up of one turn per learner (first use of each token and enrollment) and ")
                .append(WARMUP.toSeconds()).append(" s more, against ").append(WEB).append(". submissions_per_s counts ")
                .append("graded submissions only, while the same clients also start every attempt (starts_per_s); p50/p99 ")
                .append("are the submit request's, client side, median of the rounds. Submissions/s per round: ")
                .append(Stats.list(rates, 1)).append(". CPU during the rounds (100 % = one core): ").append(cpu).append('.');
        if (graded.errors() + starts.errors() > 0) {
            notes.append(" Errors by kind: ").append(graded.errorKinds()).append(' ').append(starts.errorKinds()).append('.');
        }
        if (submitted != gradings) {
            notes.append(" The database holds ").append(submitted).append(" submitted attempts, the clients saw ")
                    .append(gradings).append(" gradings.");
        }
        return report.notes(notes.toString());
    }

    private static double median(List<Phase> rounds, boolean graded, double p) {
        return Stats.median(rounds.stream()
                .mapToDouble(r -> Stats.percentileMs((graded ? r.graded() : r.starts()).latencies(), p)).toArray());
    }

    private void noteFirst(String kind, String body) {
        if (firstErrorBody.putIfAbsent(kind, String.valueOf(body)) == null) {
            String text = String.valueOf(body);
            Local.log("first " + kind + ": " + (text.length() > 300 ? text.substring(0, 300) : text));
        }
    }
}
