package org.openlearning.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.postgresql.PGConnection;

import tools.jackson.databind.JsonNode;

/**
 * {@code import}: uploads a 100,000-row catalog CSV (1,000 bad rows) as the demo admin and follows
 * the import until it finishes; the baseline COPYs the same file into a temporary table.
 */
final class ImportBench {

    static final int ROWS = 100_000;
    static final int BAD_ROWS = 1_000;
    static final long SEED = 20_261_122L;
    static final Duration POLL = Duration.ofMillis(250);
    static final Duration TIMEOUT = Duration.ofMinutes(15);
    static final int COPY_ROUNDS = 3;

    private static final String BENCH_PARTNERS = "SELECT id FROM partners WHERE slug LIKE 'bench-partner-%'";

    Report run() throws Exception {
        Path csv = Files.createTempFile("bench-catalog-", ".csv");
        try (Connection db = Local.connect()) {
            long t0 = System.nanoTime();
            CatalogCsv.Written file = CatalogCsv.write(csv, ROWS, BAD_ROWS, SEED);
            Local.log(String.format(Locale.ROOT, "wrote %s: %d rows, %d bad, %.1f MB in %d ms", csv, file.rows(),
                    file.badLines().size(), file.bytes() / 1e6, (System.nanoTime() - t0) / 1_000_000));
            removeLeftovers(db);
            List<Double> copies = new ArrayList<>();
            copies.add(rawCopy(csv));
            String[] token = adminToken();
            Upload upload;
            try {
                upload = uploadAndWait(csv, token[1]);
            } finally {
                revoke(token);
            }
            for (int i = 1; i < COPY_ROUNDS; i++) {
                copies.add(rawCopy(csv));
            }
            Report report = report(db, file, upload, copies);
            cleanup(db, upload.importId());
            return report;
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    /** What the upload and the job did, seen from the client. */
    private record Upload(long importId, double uploadSeconds, double seconds, String status, JsonNode last,
            int pollErrors) {
    }

    private Upload uploadAndWait(Path csv, String token) throws IOException, InterruptedException {
        String boundary = "bench-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench-catalog.csv\""
                + "\r\nContent-Type: text/csv\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest request = Local.request("/api/admin/catalog-imports")
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
                        HttpRequest.BodyPublishers.ofFile(csv), HttpRequest.BodyPublishers.ofString(tail)))
                .build();
        Local.log("uploading");
        long start = System.nanoTime();
        JsonNode accepted = Local.body(Local.send(request), 202);
        double uploadSeconds = (System.nanoTime() - start) / 1e9;
        long id = accepted.path("catalog_import").path("id").asLong();
        Local.log(String.format(Locale.ROOT, "import %d accepted after %.2f s, status %s", id, uploadSeconds,
                accepted.path("catalog_import").path("status").asString("?")));

        long deadline = start + TIMEOUT.toNanos();
        long lastLog = System.nanoTime();
        int pollErrors = 0;
        JsonNode last = accepted;
        String status = accepted.path("catalog_import").path("status").asString("?");
        while (!"SUCCEEDED".equals(status) && !"FAILED".equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(POLL);
            try {
                HttpResponse<String> r = Local.send(Local.request("/api/admin/catalog-imports/" + id)
                        .header("Authorization", "Bearer " + token).GET().build());
                last = Local.body(r, 200);
                status = last.path("catalog_import").path("status").asString("?");
            } catch (IOException | IllegalStateException e) {
                if (pollErrors++ < 3) {
                    Local.log("poll failed: " + e.getMessage());
                }
            }
            if (System.nanoTime() - lastLog > 5_000_000_000L) {
                JsonNode ci = last.path("catalog_import");
                Local.log(String.format(Locale.ROOT, "%s: %d read, %d imported, %d rejected", status, ci.path("rows_read").asLong(0),
                        ci.path("rows_imported").asLong(0), ci.path("rows_rejected").asLong(0)));
                lastLog = System.nanoTime();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Local.log(String.format(Locale.ROOT, "import %d %s after %.2f s", id, status, seconds));
        return new Upload(id, uploadSeconds, seconds, status, last, pollErrors);
    }

    private Report report(Connection db, CatalogCsv.Written file, Upload upload, List<Double> copies)
            throws SQLException {
        JsonNode ci = upload.last().path("catalog_import");
        boolean succeeded = "SUCCEEDED".equals(upload.status());
        double copySeconds = Stats.median(copies.stream().mapToDouble(Double::doubleValue).toArray());
        double[] times = times(db, upload.importId());
        Set<Integer> rejectedLines = rejectedLines(db, upload.importId());
        long matching = file.badLines().stream().filter(rejectedLines::contains).count();
        Report report = new Report().put("rows", file.rows());
        if (succeeded) {
            report.put("seconds", upload.seconds(), 3).put("rows_per_s", file.rows() / upload.seconds(), 1);
        } else {
            report.missing("seconds").missing("rows_per_s");
        }
        report.put("rejected_rows", ci.path("rows_rejected").asLong(-1))
                .put("imported_rows", ci.path("rows_imported").asLong(-1))
                .put("rejected_lines_as_expected", matching)
                .put("upload_seconds", upload.uploadSeconds(), 3)
                .put("queue_seconds", times[0], 3)
                .put("job_seconds", times[1], 3)
                .put("raw_copy_seconds", copySeconds, 3)
                .put("ratio_vs_raw_copy", succeeded ? upload.seconds() / copySeconds : Double.NaN, 1)
                .put("csv_bytes", file.bytes());
        StringBuilder notes = new StringBuilder()
                .append("One import of a generated ").append(String.format(Locale.ROOT, "%.1f", file.bytes() / 1e6))
                .append(" MB CSV (").append(file.rows()).append(" rows from ").append(CatalogCsv.PARTNERS)
                .append(" bench partners, fixed seed; ").append(file.badLines().size())
                .append(" bad rows spread evenly: empty title, level 'Expert-ish', rating 7.5) uploaded as the demo ")
                .append("admin. seconds = client-side, from the start of the upload request until a status poll ")
                .append("(every ").append(POLL.toMillis()).append(" ms) saw SUCCEEDED; upload_seconds = the upload ")
                .append("request alone; queue_seconds = started_at - created_at and job_seconds = finished_at - ")
                .append("started_at of the import record. rejected_lines_as_expected = how many of the bad rows' line ")
                .append("numbers the import reported. raw_copy_seconds = median of ").append(copies.size())
                .append(" COPY FROM STDIN (csv, header) runs of the same file into a temporary table of 9 text ")
                .append("columns (rounds: ").append(Stats.list(copies.stream().mapToDouble(Double::doubleValue)
                        .toArray(), 3))
                .append(" s; one before the upload, the rest after): no validation, no upserts, no partners, no ")
                .append("object store. ratio_vs_raw_copy = seconds / raw_copy_seconds. The imported courses and ")
                .append("unused bench partners are deleted afterwards; the import record and its errors stay. ")
                .append("The client, the web app, the workers and PostgreSQL share this machine's cores.");
        if (!succeeded) {
            notes.append(" The import did not succeed: status ").append(upload.status()).append(", failure_reason ")
                    .append(ci.path("failure_reason").asString("-")).append('.');
        }
        if (upload.pollErrors() > 0) {
            notes.append(' ').append(upload.pollErrors()).append(" status polls failed.");
        }
        return report.notes(notes.toString());
    }

    /** {queue seconds, job seconds} from the import record; NaN where a timestamp is missing. */
    private static double[] times(Connection db, long importId) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("""
                SELECT extract(epoch FROM started_at - created_at), extract(epoch FROM finished_at - started_at)
                FROM catalog_imports WHERE id = ?
                """)) {
            st.setLong(1, importId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return new double[] {Double.NaN, Double.NaN};
                }
                double queue = rs.getDouble(1);
                queue = rs.wasNull() ? Double.NaN : queue;
                double job = rs.getDouble(2);
                job = rs.wasNull() ? Double.NaN : job;
                return new double[] {queue, job};
            }
        }
    }

    private static Set<Integer> rejectedLines(Connection db, long importId) throws SQLException {
        Set<Integer> lines = new HashSet<>();
        try (PreparedStatement st = db.prepareStatement("SELECT line FROM catalog_import_errors WHERE import_id = ?")) {
            st.setLong(1, importId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getInt(1));
                }
            }
        }
        return lines;
    }

    /** Seconds to COPY the CSV into a fresh temporary table. */
    private static double rawCopy(Path csv) throws SQLException, IOException {
        try (Connection c = Local.connect(); Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TEMPORARY TABLE bench_catalog_copy (title text, partner text, description text, skills text,
                        level text, language text, category text, rating text, enrollments text)
                    """);
            long start = System.nanoTime();
            long rows;
            try (InputStream in = Files.newInputStream(csv)) {
                rows = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY bench_catalog_copy FROM STDIN WITH (FORMAT csv, HEADER true)", in, 1 << 16);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Local.log(String.format(Locale.ROOT, "raw COPY: %d rows in %.3f s", rows, seconds));
            return seconds;
        }
    }

    /** {token id, token} of a new personal access token of the demo admin. */
    private static String[] adminToken() throws IOException, InterruptedException {
        String body = Local.JSON.writeValueAsString(Map.of("email", Local.ADMIN_EMAIL, "password",
                Local.ADMIN_PASSWORD, "name", "bench import"));
        JsonNode token = Local.body(Local.send(Local.request("/api/auth/tokens")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()), 201);
        return new String[] {token.path("id").asString(), token.path("token").asString()};
    }

    private static void revoke(String[] token) {
        try {
            Local.body(Local.send(Local.request("/api/me/tokens/" + token[0])
                    .header("Authorization", "Bearer " + token[1]).DELETE().build()), 204);
        } catch (IOException | InterruptedException | IllegalStateException e) {
            Local.log("could not revoke the admin token " + token[0] + ": " + e.getMessage());
        }
    }

    /** Courses of bench partners left by an interrupted earlier run, then those partners. */
    private static void removeLeftovers(Connection db) throws SQLException {
        long courses = delete(db, "SELECT id FROM courses WHERE partner_id IN (" + BENCH_PARTNERS + ")");
        if (courses > 0) {
            Local.log("removed " + courses + " courses of an earlier run");
        }
    }

    private static void cleanup(Connection db, long importId) throws SQLException {
        long courses = delete(db, "SELECT id FROM courses WHERE source_import_id = " + importId);
        Local.log("cleanup: removed " + courses + " imported courses and the unused bench partners");
    }

    /** Deletes the selected courses (their enrollments first) and the bench partners no course uses. */
    private static long delete(Connection db, String selectCourses) throws SQLException {
        return Local.inTransaction(db, () -> {
            try (Statement st = db.createStatement()) {
                long enrollments = st.executeUpdate("DELETE FROM enrollments WHERE course_id IN (" + selectCourses + ")");
                if (enrollments > 0) {
                    Local.log("removed " + enrollments + " enrollments in bench courses");
                }
                long courses = st.executeUpdate("DELETE FROM courses WHERE id IN (" + selectCourses + ")");
                st.executeUpdate("DELETE FROM partners p WHERE p.id IN (" + BENCH_PARTNERS
                        + ") AND NOT EXISTS (SELECT 1 FROM courses c WHERE c.partner_id = p.id)");
                return courses;
            }
        });
    }
}
