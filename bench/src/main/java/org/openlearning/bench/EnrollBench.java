package org.openlearning.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.openlearning.bench.Learners.Learner;

import tools.jackson.databind.JsonNode;

/**
 * {@code enroll}: 64 clients enrolling random bench learners in random published courses through
 * {@code POST /api/enrollments}, alternating with the same work done straight in SQL.
 */
final class EnrollBench {

    static final int LEARNERS = 2_000;
    static final int MAX_COURSES = 300;
    static final int CLIENTS = 64;
    static final int WARMUP_CLIENTS = 16;
    static final int ROUNDS = 3;
    static final Duration WARMUP = Duration.ofSeconds(5);
    static final Duration HTTP_ROUND = Duration.ofSeconds(30).dividedBy(ROUNDS);
    static final Duration RAW_WARMUP = Duration.ofSeconds(2);
    static final Duration RAW_ROUND = Duration.ofSeconds(10).dividedBy(ROUNDS);

    private List<Learner> learners;
    private long[] courses;
    private final Map<String, String> firstErrorBody = new ConcurrentHashMap<>();

    Report run() throws Exception {
        try (Connection db = Local.connect()) {
            long[] leftovers = Learners.remove(db);
            if (leftovers[0] > 0) {
                Local.log("removed " + leftovers[0] + " learners and " + leftovers[1] + " enrollments of an earlier run");
            }
            long countsBefore = enrollmentCountSum(db);
            long t0 = System.nanoTime();
            learners = Learners.create(db, LEARNERS);
            Local.log("created " + learners.size() + " learners with tokens in " + ms(t0) + " ms");
            Report report;
            long drift;
            try {
                courses = publishedCourses();
                Local.log(courses.length + " published courses");
                report = measure();
            } finally {
                drift = enrollmentCountSum(db) - countsBefore - benchEnrollments(db);
                long[] removed = Learners.remove(db);
                Local.log("cleanup: removed " + removed[0] + " learners and " + removed[1] + " enrollments");
            }
            return report.put("enrollment_count_drift", drift);
        }
    }

    private Report measure() throws Exception {
        try (RawSqlEnroll raw = new RawSqlEnroll(learners, courses)) {
            Local.log("warm-up: " + WARMUP_CLIENTS + " HTTP clients for " + WARMUP.toSeconds() + " s, then raw SQL");
            Round warm = http(WARMUP_CLIENTS, WARMUP);
            Local.log("warm-up HTTP: " + warm.summary());
            raw.run(RAW_WARMUP);
            List<Round> httpRounds = new ArrayList<>();
            List<Round> rawRounds = new ArrayList<>();
            for (int i = 1; i <= ROUNDS; i++) {
                Round h = http(CLIENTS, HTTP_ROUND);
                Local.log("round " + i + " HTTP: " + h.summary());
                httpRounds.add(h);
                Round r = raw.run(RAW_ROUND);
                Local.log("round " + i + " raw SQL: " + r.summary());
                rawRounds.add(r);
            }
            return report(httpRounds, rawRounds);
        }
    }

    private Report report(List<Round> httpRounds, List<Round> rawRounds) {
        Round all = Round.sum(httpRounds);
        Round rawAll = Round.sum(rawRounds);
        double[] rates = httpRounds.stream().mapToDouble(Round::okPerSecond).toArray();
        double[] rawRates = rawRounds.stream().mapToDouble(Round::okPerSecond).toArray();
        double perSecond = Stats.median(rates);
        double rawPerSecond = Stats.median(rawRates);
        double p50 = Stats.median(httpRounds.stream().mapToDouble(r -> Stats.percentileMs(r.latencies(), 50)).toArray());
        double p99 = Stats.median(httpRounds.stream().mapToDouble(r -> Stats.percentileMs(r.latencies(), 99)).toArray());
        double rawP50 = Stats.median(rawRounds.stream().mapToDouble(r -> Stats.percentileMs(r.latencies(), 50)).toArray());
        Report report = new Report()
                .put("enroll_per_s", perSecond, 1)
                .put("p50_ms", p50, 2)
                .put("p99_ms", p99, 2)
                .put("errors", all.errors())
                .put("requests", all.requests())
                .put("created", all.created())
                .put("existing", all.existing())
                .put("clients", CLIENTS)
                .put("learners", learners.size())
                .put("courses", courses.length)
                .put("raw_sql_per_s", rawPerSecond, 1)
                .put("raw_sql_p50_ms", rawP50, 2)
                .put("raw_sql_errors", rawAll.errors())
                .put("ratio_vs_raw_sql", perSecond / rawPerSecond, 3);
        StringBuilder notes = new StringBuilder()
                .append("HTTP: ").append(CLIENTS).append(" clients (virtual threads, one shared HTTP/1.1 HttpClient) ")
                .append("POST /api/enrollments, each request with a random bench learner's bearer token and a random ")
                .append("published course (").append(courses.length).append(" ids, ").append(learners.size())
                .append(" learners); ").append(ROUNDS).append(" rounds of ").append(HTTP_ROUND.toSeconds())
                .append(" s after a ").append(WARMUP.toSeconds()).append(" s warm-up with ").append(WARMUP_CLIENTS)
                .append(" clients. enroll_per_s = median over rounds of 200/201 answers per second (rounds: ")
                .append(Stats.list(rates, 1)).append("); p50/p99 = median of the rounds' client-side percentiles; ")
                .append("errors = non-200/201 answers and exceptions over all rounds. Raw baseline: the same ")
                .append("insert-or-find plus counter update in one SQL transaction over JDBC, 64 threads sharing 20 ")
                .append("connections, ").append(ROUNDS).append(" rounds of ").append(RAW_ROUND.toMillis())
                .append(" ms alternating with the HTTP rounds after a ").append(RAW_WARMUP.toSeconds())
                .append(" s warm-up (rounds: ").append(Stats.list(rawRates, 1))
                .append("); it skips HTTP, token authentication, JSON and the published-course check. ")
                .append("ratio_vs_raw_sql = enroll_per_s / raw_sql_per_s. enrollment_count_drift = change of ")
                .append("sum(courses.enrollment_count) minus bench enrollments written (0 = counters consistent). ")
                .append("Learners and tokens are written via JDBC and removed afterwards. The load generator, ")
                .append("the web app and PostgreSQL share this machine's cores.");
        if (all.errors() > 0) {
            notes.append(" Errors by kind: ").append(all.errorKinds()).append('.');
        }
        return report.notes(notes.toString());
    }

    /** Runs {@code clients} enrolling loops for {@code length}. */
    private Round http(int clients, Duration length) throws InterruptedException {
        return Round.run(clients, length, this::enrollLoop);
    }

    private void enrollLoop(Round.Counter counter, long deadline) throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < deadline) {
            Learner learner = learners.get(random.nextInt(learners.size()));
            long course = courses[random.nextInt(courses.length)];
            HttpRequest request = Local.request("/api/enrollments")
                    .header("Authorization", "Bearer " + learner.token())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"course_id\":" + course + "}"))
                    .build();
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> response = Local.send(request);
                long nanos = System.nanoTime() - t0;
                switch (response.statusCode()) {
                    case 201 -> counter.created(nanos);
                    case 200 -> counter.existing(nanos);
                    default -> {
                        String kind = "HTTP " + response.statusCode();
                        counter.error(kind, nanos);
                        noteFirst(kind, response.body());
                    }
                }
            } catch (IOException e) {
                String kind = e.getClass().getSimpleName();
                counter.error(kind, System.nanoTime() - t0);
                noteFirst(kind, String.valueOf(e.getMessage()));
            }
        }
    }

    private void noteFirst(String kind, String body) {
        if (firstErrorBody.putIfAbsent(kind, body) == null) {
            Local.log("first " + kind + ": " + (body.length() > 300 ? body.substring(0, 300) : body));
        }
    }

    /** Ids of published courses, page by page, at most {@link #MAX_COURSES}. */
    private static long[] publishedCourses() throws IOException, InterruptedException {
        List<Long> ids = new ArrayList<>();
        for (int page = 1; ids.size() < MAX_COURSES; page++) {
            JsonNode body = Local.body(Local.send(Local.request("/api/courses?size=100&page=" + page).GET().build()), 200);
            for (JsonNode item : body.path("items")) {
                if (ids.size() < MAX_COURSES) {
                    ids.add(item.path("id").asLong());
                }
            }
            if (body.path("items").isEmpty() || page >= body.path("pages").asLong(0)) {
                break;
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("GET /api/courses lists no published course");
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long enrollmentCountSum(Connection db) throws SQLException {
        return single(db, "SELECT coalesce(sum(enrollment_count), 0) FROM courses");
    }

    private static long benchEnrollments(Connection db) throws SQLException {
        return single(db, """
                SELECT count(*) FROM enrollments e JOIN users u ON u.id = e.user_id
                WHERE u.email LIKE 'bench-learner-%@bench.example'
                """);
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
