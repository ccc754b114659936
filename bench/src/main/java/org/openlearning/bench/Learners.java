package org.openlearning.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The enroll benchmark's learners, written straight to the database: accounts, the LEARNER role and
 * one personal access token each. {@link #remove} undoes all of it, enrollments included.
 */
final class Learners {

    /** A bench learner and the secret of its token. */
    record Learner(long id, String token) {
    }

    private static final String EMAILS = "bench-learner-%@bench.example";
    private static final String BENCH_USERS = "SELECT id FROM users WHERE email LIKE '" + EMAILS + "'";

    private Learners() {
    }

    static List<Learner> create(Connection db, int count) throws SQLException {
        SecureRandom random = new SecureRandom();
        return Local.inTransaction(db, () -> {
            try (PreparedStatement users = db.prepareStatement(
                    "INSERT INTO users (email, display_name, password_hash) VALUES (?, ?, '{noop}x')")) {
                for (int n = 1; n <= count; n++) {
                    users.setString(1, "bench-learner-" + n + "@bench.example");
                    users.setString(2, "Bench Learner " + n);
                    users.addBatch();
                }
                users.executeBatch();
            }
            try (Statement st = db.createStatement()) {
                st.executeUpdate("INSERT INTO user_roles (user_id, role) SELECT id, 'LEARNER' FROM (" + BENCH_USERS + ") u");
            }
            List<Learner> learners = new ArrayList<>(count);
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(BENCH_USERS + " ORDER BY id");
                    PreparedStatement tokens = db.prepareStatement("""
                            INSERT INTO access_tokens (user_id, name, token_hash, token_prefix) VALUES (?, 'bench', ?, ?)
                            """)) {
                while (rs.next()) {
                    byte[] secret = new byte[32];
                    random.nextBytes(secret);
                    String token = "lpat_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
                    long id = rs.getLong(1);
                    tokens.setLong(1, id);
                    tokens.setBytes(2, sha256(token));
                    tokens.setString(3, token.substring(0, 11));
                    tokens.addBatch();
                    learners.add(new Learner(id, token));
                }
                tokens.executeBatch();
            }
            return learners;
        });
    }

    /**
     * Removes every bench learner (from this or an earlier run): their enrollments, uncounted from
     * the courses, then tokens, roles and accounts. Returns {users, enrollments} removed.
     */
    static long[] remove(Connection db) throws SQLException {
        return Local.inTransaction(db, () -> {
            try (Statement st = db.createStatement()) {
                st.executeUpdate("""
                        UPDATE courses c SET enrollment_count = greatest(c.enrollment_count - x.n, 0)
                        FROM (SELECT course_id, count(*) AS n FROM enrollments WHERE user_id IN (%s) GROUP BY course_id) x
                        WHERE c.id = x.course_id
                        """.formatted(BENCH_USERS));
                long enrollments = st.executeUpdate("DELETE FROM enrollments WHERE user_id IN (" + BENCH_USERS + ")");
                st.executeUpdate("DELETE FROM access_tokens WHERE user_id IN (" + BENCH_USERS + ")");
                st.executeUpdate("DELETE FROM user_roles WHERE user_id IN (" + BENCH_USERS + ")");
                long users = st.executeUpdate("DELETE FROM users WHERE email LIKE '" + EMAILS + "'");
                return new long[] {users, enrollments};
            }
        });
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
