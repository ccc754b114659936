package org.openlearning.bench;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

/**
 * A bench admin ({@code bench-search-admin@bench.example}, role ADMIN) with a fresh personal access
 * token, written straight to the database the way the API stores tokens (SHA-256 of the secret).
 * {@link #revoke} deletes the token; {@link #remove} the user too, unless a rebuild it requested
 * still names it in its history.
 */
record AdminToken(long userId, String token) {

    static final String EMAIL = CourseGenerator.SLUG_PREFIX + "admin@bench.example";
    private static final String TOKEN_NAME = "bench-search";

    static AdminToken create(Connection db) throws SQLException {
        return Local.inTransaction(db, () -> {
            long user;
            try (PreparedStatement st = db.prepareStatement("""
                    INSERT INTO users (email, display_name, password_hash) VALUES (?, 'Bench Search Admin', '{noop}x')
                    ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id
                    """)) {
                st.setString(1, EMAIL);
                try (var rs = st.executeQuery()) {
                    rs.next();
                    user = rs.getLong(1);
                }
            }
            try (Statement st = db.createStatement()) {
                st.executeUpdate("INSERT INTO user_roles (user_id, role) VALUES (" + user + ", 'ADMIN') ON CONFLICT DO NOTHING");
                st.executeUpdate("DELETE FROM access_tokens WHERE user_id = " + user);
            }
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String token = "lpat_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            try (PreparedStatement st = db.prepareStatement(
                    "INSERT INTO access_tokens (user_id, name, token_hash, token_prefix) VALUES (?, ?, ?, ?)")) {
                st.setLong(1, user);
                st.setString(2, TOKEN_NAME);
                st.setBytes(3, Learners.sha256(token));
                st.setString(4, token.substring(0, 11));
                st.executeUpdate();
            }
            return new AdminToken(user, token);
        });
    }

    void revoke(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.executeUpdate("DELETE FROM access_tokens WHERE user_id = " + userId);
        }
    }

    /** Deletes the bench admin if no rebuild record refers to it; returns whether it is gone. */
    static boolean remove(Connection db) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("""
                DELETE FROM users u WHERE u.email = ?
                AND NOT EXISTS (SELECT 1 FROM search_reindexes r WHERE r.requested_by = u.id)
                """)) {
            st.setString(1, EMAIL);
            st.executeUpdate();
        }
        try (PreparedStatement st = db.prepareStatement("SELECT 1 FROM users WHERE email = ?")) {
            st.setString(1, EMAIL);
            try (var rs = st.executeQuery()) {
                return !rs.next();
            }
        }
    }
}
