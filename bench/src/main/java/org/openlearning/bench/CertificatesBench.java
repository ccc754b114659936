package org.openlearning.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * {@code certificates}: a registrar uploads a 10,000-row CSV batch (learners who completed the
 * bench course) and follows it until every certificate is rendered, QR-coded, signed, stored and
 * recorded by the workers. A 200-row batch first warms the workers up.
 */
final class CertificatesBench {

    static final int ROWS = 10_000;
    static final int WARM_UP_ROWS = 200;
    static final String PREFIX = "bench-cert-";
    static final Duration POLL = Duration.ofMillis(250);
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    private record Outcome(long batchId, double seconds, String status, long issued, long rejected, double validateSeconds) {
    }

    Report run() throws Exception {
        try (Connection db = Local.connect()) {
            cleanup(db);
            long course = setUp(db, ROWS, "main");
            long warmCourse = setUp(db, WARM_UP_ROWS, "warm");
            String token = registrarToken(db);
            Local.log("warm-up batch of " + WARM_UP_ROWS);
            Outcome warm = uploadAndWait(csv(db, warmCourse), token, "warm-up");
            Local.log(String.format(Locale.ROOT, "warm-up %s in %.1f s", warm.status(), warm.seconds()));
            int workers = workers(db);
            String mainCsv = csv(db, course);
            CpuUse.Snapshot before = CpuUse.snapshot(java.net.URI.create(Local.WEB).getPort());
            Outcome main = uploadAndWait(mainCsv, token, "main");
            String cpu = CpuUse.between(before, CpuUse.snapshot(java.net.URI.create(Local.WEB).getPort()), Runtime.getRuntime().availableProcessors());
            Local.log("CPU during the batch (100 % = one core): " + cpu);
            Report report = new Report().put("certificates", main.issued());
            boolean ok = "SUCCEEDED".equals(main.status());
            if (ok) {
                report.put("seconds", main.seconds(), 2).put("per_s", main.issued() / main.seconds(), 1);
            } else {
                report.missing("seconds").missing("per_s");
            }
            report.put("workers", workers)
                    .put("errors", main.rejected() + (ROWS - main.issued() - main.rejected()))
                    .put("rows", ROWS)
                    .put("validate_seconds", main.validateSeconds(), 2)
                    .put("warm_up_per_s", warm.issued() / warm.seconds(), 1)
                    .notes("One registrar batch of " + ROWS + " rows uploaded through POST /api/registrar/certificate-batches"
                            + " and polled every 250 ms until SUCCEEDED: seconds runs from the upload to the status;"
                            + " each certificate is an openhtmltopdf rendering with embedded DejaVu subsets and a ZXing QR"
                            + " code, a PDFBox/BouncyCastle detached signature (with the development key), a PUT to the object store and a"
                            + " batched UPDATE. validate_seconds: the Spring Batch validation until the render parts were"
                            + " enqueued. workers: JobRunr servers alive at the start. errors: rows not issued."
                            + " The machine's 2 cores are shared with the web app, PostgreSQL, S3Proxy and anything else"
                            + " running; CPU during the batch (100 % = one core): " + cpu + ". Bench rows are deleted"
                            + " afterwards (the PDFs stay in the object store).");
            cleanup(db);
            return report;
        }
    }

    private long setUp(Connection db, int learners, String tag) throws SQLException {
        return Local.inTransaction(db, () -> {
            try (Statement s = db.createStatement()) {
                long partner = id(s, "INSERT INTO partners (slug, name) VALUES ('" + PREFIX + tag
                        + "', 'Bench Universität Zürich') ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id");
                long course = id(s, "INSERT INTO courses (slug, title, partner_id, status, published_at) VALUES ('"
                        + PREFIX + tag + "', 'Certificates at Scale: Rendering, Signing and Verifying', " + partner
                        + ", 'PUBLISHED', now()) RETURNING id");
                s.execute("INSERT INTO users (email, display_name, password_hash) SELECT '" + PREFIX + tag
                        + "-' || i || '@bench.example', (ARRAY['José Ñúñez-Łukasiewicz', 'Ελένη Παπαδοπούλου',"
                        + " 'Дмитрий Шостакович', 'Amara Okafor-Lindqvist'])[1 + i % 4] || ' ' || i, '{noop}x'"
                        + " FROM generate_series(1, " + learners + ") i");
                s.execute("INSERT INTO enrollments (user_id, course_id, status, completed_at, completion_percent)"
                        + " SELECT id, " + course + ", 'COMPLETED', now(), 100 FROM users WHERE email LIKE '" + PREFIX
                        + tag + "-%'");
                return course;
            }
        });
    }

    private String csv(Connection db, long course) throws SQLException {
        StringBuilder csv = new StringBuilder("email,course\n");
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT u.email FROM enrollments e JOIN users u ON u.id = e.user_id WHERE e.course_id = ? ORDER BY u.id")) {
            ps.setLong(1, course);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    csv.append(rs.getString(1)).append(',').append(course).append('\n');
                }
            }
        }
        return csv.toString();
    }

    private String registrarToken(Connection db) throws SQLException {
        return Local.inTransaction(db, () -> {
            long user;
            try (Statement s = db.createStatement()) {
                user = id(s, "INSERT INTO users (email, display_name, password_hash) VALUES ('" + PREFIX
                        + "registrar@bench.example', 'Bench Registrar', '{noop}x') RETURNING id");
                s.executeUpdate("INSERT INTO user_roles (user_id, role) VALUES (" + user + ", 'REGISTRAR')");
            }
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String token = "lpat_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            try (PreparedStatement st = db.prepareStatement(
                    "INSERT INTO access_tokens (user_id, name, token_hash, token_prefix) VALUES (?, 'bench', ?, ?)")) {
                st.setLong(1, user);
                st.setBytes(2, Learners.sha256(token));
                st.setString(3, token.substring(0, 11));
                st.executeUpdate();
            }
            return token;
        });
    }

    private Outcome uploadAndWait(String csv, String token, String name) throws IOException, InterruptedException {
        String boundary = "bench-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench-" + name
                + ".csv\"\r\nContent-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        long start = System.nanoTime();
        JsonNode accepted = Local.body(Local.send(Local.request("/api/registrar/certificate-batches")
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()), 202);
        long id = accepted.path("batch").path("id").asLong();
        JsonNode batch = accepted.path("batch");
        String status = batch.path("status").asString("?");
        long deadline = start + TIMEOUT.toNanos();
        long lastLog = System.nanoTime();
        double validated = Double.NaN;
        while (!"SUCCEEDED".equals(status) && !"FAILED".equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(POLL);
            try {
                HttpResponse<String> r = Local.send(Local.request("/api/registrar/certificate-batches/" + id)
                        .header("Authorization", "Bearer " + token).GET().build());
                batch = Local.body(r, 200).path("batch");
                status = batch.path("status").asString("?");
                if (Double.isNaN(validated) && !batch.path("parts").isNull() && !batch.path("parts").isMissingNode()) {
                    validated = (System.nanoTime() - start) / 1e9;
                }
            } catch (IOException | IllegalStateException e) {
                Local.log("poll failed: " + e.getMessage());
            }
            if (System.nanoTime() - lastLog > 5_000_000_000L) {
                Local.log(String.format(Locale.ROOT, "batch %d %s: %d checked, %d issued, %d rejected", id, status,
                        batch.path("rows_read").asLong(), batch.path("issued").asLong(), batch.path("rows_rejected").asLong()));
                lastLog = System.nanoTime();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Local.log(String.format(Locale.ROOT, "batch %d %s after %.1f s: %d issued", id, status, seconds,
                batch.path("issued").asLong()));
        return new Outcome(id, seconds, status, batch.path("issued").asLong(), batch.path("rows_rejected").asLong(),
                validated);
    }

    private static int workers(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM jobrunr_backgroundjobservers WHERE running = 1 AND lastHeartbeat > (now() AT TIME ZONE 'UTC') - interval '1 minute'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void cleanup(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("DELETE FROM certificates WHERE user_id IN (SELECT id FROM users WHERE email LIKE '" + PREFIX + "%')");
            s.execute("DELETE FROM certificate_batches WHERE requested_by IN (SELECT id FROM users WHERE email LIKE '"
                    + PREFIX + "%')");
            s.execute("DELETE FROM enrollments WHERE user_id IN (SELECT id FROM users WHERE email LIKE '" + PREFIX + "%')");
            s.execute("DELETE FROM courses WHERE slug LIKE '" + PREFIX + "%'");
            s.execute("DELETE FROM partners WHERE slug LIKE '" + PREFIX + "%'");
            s.execute("DELETE FROM users WHERE email LIKE '" + PREFIX + "%'");
        }
        Local.vacuum(db, "certificates", "certificate_batches", "certificate_batch_errors", "enrollments", "users",
                "user_roles", "access_tokens", "notifications", "certificate_requests");
    }

    private static long id(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
