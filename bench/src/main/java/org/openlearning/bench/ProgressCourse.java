package org.openlearning.bench;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A published bench course of VIDEO lessons (an hour each) with bench learners enrolled, written
 * straight to the database: {@link #prepare} creates what is missing and finds what an interrupted
 * run left, {@link #remove} takes it all away again. {@code tokens} holds each enrollment's
 * learner's fresh bearer token when asked for.
 */
record ProgressCourse(long id, long[] lessons, long[] enrollments, String[] tokens) {

    static final int LESSON_SECONDS = 3600;
    private static final String EMAILS = "bench-progress-%@bench.example";
    private static final String BENCH_USERS = "SELECT id FROM users WHERE email LIKE '" + EMAILS + "'";
    private static final String TOKEN_NAME = "bench-progress";

    int keys() {
        return enrollments.length * lessons.length;
    }

    long enrollmentOf(int key) {
        return enrollments[key / lessons.length];
    }

    long lessonOf(int key) {
        return lessons[key % lessons.length];
    }

    String tokenOf(int key) {
        return tokens[key / lessons.length];
    }

    static ProgressCourse prepare(Connection db, String slug, int lessonCount, int learners, boolean tokens)
            throws SQLException {
        return Local.inTransaction(db, () -> {
            long course = course(db, slug);
            long[] lessons = lessons(db, course, lessonCount);
            update(db, """
                    INSERT INTO users (email, display_name, password_hash)
                    SELECT 'bench-progress-' || n || '@bench.example', 'Bench Progress ' || n, '{noop}x'
                    FROM generate_series(1, ?) AS n
                    ON CONFLICT (email) DO NOTHING
                    """, learners);
            update(db, "INSERT INTO user_roles (user_id, role) SELECT id, 'LEARNER' FROM (" + BENCH_USERS
                    + ") u ON CONFLICT DO NOTHING");
            update(db, """
                    WITH learners AS (%s ORDER BY id LIMIT ?),
                    created AS (
                        INSERT INTO enrollments (user_id, course_id) SELECT id, ? FROM learners
                        ON CONFLICT (user_id, course_id) DO NOTHING RETURNING id
                    )
                    UPDATE courses SET enrollment_count = enrollment_count + (SELECT count(*) FROM created) WHERE id = ?
                    """.formatted(BENCH_USERS), learners, course, course);
            List<long[]> rows = new ArrayList<>();
            try (PreparedStatement st = db.prepareStatement("""
                    SELECT e.id, e.user_id FROM enrollments e
                    WHERE e.course_id = ? AND e.user_id IN (%s ORDER BY id LIMIT ?) ORDER BY e.id
                    """.formatted(BENCH_USERS))) {
                st.setLong(1, course);
                st.setInt(2, learners);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
            }
            long[] enrollments = rows.stream().mapToLong(r -> r[0]).toArray();
            String[] secrets = null;
            if (tokens) {
                Map<Long, String> byUser = newTokens(db, rows.stream().mapToLong(r -> r[1]).toArray());
                secrets = rows.stream().map(r -> byUser.get(r[1])).toArray(String[]::new);
            }
            return new ProgressCourse(course, lessons, enrollments, secrets);
        });
    }

    /** Deletes the course's progress and completion figures: the next run starts from nothing. */
    void resetProgress(Connection db) throws SQLException {
        Local.inTransaction(db, () -> {
            clearOutcomes(db);
            update(db, "DELETE FROM progress WHERE enrollment_id IN (SELECT id FROM enrollments WHERE course_id = ?)", id);
            update(db, """
                    UPDATE enrollments SET completion_percent = 0, lessons_completed = 0, completed_at = NULL,
                           status = 'ACTIVE'
                    WHERE course_id = ?
                    """, id);
            return null;
        });
    }

    /** The stored watched_seconds of every key (0 where there is no row). */
    int[] storedWatched(Connection db) throws SQLException {
        Map<Long, Integer> enrollmentIndex = new HashMap<>();
        for (int i = 0; i < enrollments.length; i++) {
            enrollmentIndex.put(enrollments[i], i);
        }
        Map<Long, Integer> lessonIndex = new HashMap<>();
        for (int i = 0; i < lessons.length; i++) {
            lessonIndex.put(lessons[i], i);
        }
        int[] stored = new int[keys()];
        try (PreparedStatement st = db.prepareStatement("""
                SELECT p.enrollment_id, p.lesson_id, p.watched_seconds
                FROM progress p JOIN enrollments e ON e.id = p.enrollment_id WHERE e.course_id = ?
                """)) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Integer e = enrollmentIndex.get(rs.getLong(1));
                    Integer l = lessonIndex.get(rs.getLong(2));
                    if (e != null && l != null) {
                        stored[e * lessons.length + l] = rs.getInt(3);
                    }
                }
            }
        }
        return stored;
    }

    /**
     * Removes the course with its enrollments (their progress goes with them) and the bench learners
     * enrolled nowhere else (their tokens go with them). Returns the enrollments removed.
     */
    int remove(Connection db) throws SQLException {
        int removed = Local.inTransaction(db, () -> {
            clearOutcomes(db);
            int n = update(db, "DELETE FROM enrollments WHERE course_id = ?", id);
            update(db, "DELETE FROM courses WHERE id = ?", id);
            update(db, """
                    DELETE FROM users u WHERE u.email LIKE '%s'
                    AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.user_id = u.id)
                    """.formatted(EMAILS));
            return n;
        });
        Local.vacuum(db, "progress", "quiz_attempts", "enrollments", "users", "user_roles", "access_tokens",
                "notifications", "progress_milestones", "certificates", "certificate_requests");
        return removed;
    }

    /** What completing lessons left behind: milestones, their notifications, certificates and their requests. */
    private void clearOutcomes(Connection db) throws SQLException {
        String ofCourse = "(SELECT id FROM enrollments WHERE course_id = ?)";
        update(db, "DELETE FROM notifications WHERE milestone_enrollment IN " + ofCourse, id);
        update(db, "DELETE FROM progress_milestones WHERE enrollment_id IN " + ofCourse, id);
        update(db, "DELETE FROM certificates WHERE course_id = ?", id);
        update(db, "DELETE FROM certificate_requests WHERE enrollment_id IN " + ofCourse, id);
    }

    private static void revokeTokens(Connection db) throws SQLException {
        update(db, "DELETE FROM access_tokens WHERE name = '" + TOKEN_NAME + "' AND user_id IN (" + BENCH_USERS + ")");
    }

    private static long course(Connection db, String slug) throws SQLException {
        update(db, """
                INSERT INTO courses (slug, title, summary, status, published_at)
                VALUES (?, ?, 'Written by the progress benchmarks.', 'PUBLISHED', now())
                ON CONFLICT (slug) DO NOTHING
                """, slug, "Bench: " + slug);
        return ids(db, "SELECT id FROM courses WHERE slug = ?", slug)[0];
    }

    /** The course's lessons in order; rebuilt when their number is not the one asked for. */
    private static long[] lessons(Connection db, long course, int count) throws SQLException {
        long[] lessons = ids(db, "SELECT id FROM lessons WHERE course_id = ? ORDER BY position, id", course);
        if (lessons.length != count) {
            update(db, "DELETE FROM course_modules WHERE course_id = ?", course);
            long module = ids(db, "INSERT INTO course_modules (course_id, position, title) VALUES (?, 1, 'Videos') RETURNING id",
                    course)[0];
            update(db, """
                    INSERT INTO lessons (module_id, course_id, position, title, kind)
                    SELECT ?, ?, n, 'Video ' || n, 'VIDEO' FROM generate_series(1, ?) AS n
                    """, module, course, count);
            lessons = ids(db, "SELECT id FROM lessons WHERE course_id = ? ORDER BY position, id", course);
        }
        update(db, "UPDATE lessons SET kind = 'VIDEO', duration_seconds = ? WHERE course_id = ?", LESSON_SECONDS, course);
        return lessons;
    }

    private static Map<Long, String> newTokens(Connection db, long[] users) throws SQLException {
        revokeTokens(db);
        SecureRandom random = new SecureRandom();
        Map<Long, String> tokens = new HashMap<>();
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO access_tokens (user_id, name, token_hash, token_prefix) VALUES (?, '" + TOKEN_NAME + "', ?, ?)")) {
            for (long user : users) {
                byte[] secret = new byte[32];
                random.nextBytes(secret);
                String token = "lpat_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
                insert.setLong(1, user);
                insert.setBytes(2, Learners.sha256(token));
                insert.setString(3, token.substring(0, 11));
                insert.addBatch();
                tokens.put(user, token);
            }
            insert.executeBatch();
        }
        return tokens;
    }

    static int update(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return st.executeUpdate();
        }
    }

    /** The first column of every row the statement returns, as longs (also of an INSERT … RETURNING). */
    static long[] ids(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids.stream().mapToLong(Long::longValue).toArray();
        }
    }
}
