package org.openlearning.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Users, their roles and their personal access tokens. */
@RegisterConstructorMapper(UserDao.UserRow.class)
@RegisterConstructorMapper(UserDao.TokenRow.class)
@RegisterConstructorMapper(UserDao.TokenUser.class)
public interface UserDao {

    record UserRow(long id, String email, String displayName, String passwordHash, String bio, Instant createdAt) {
    }

    record TokenUser(long id, String email, String displayName, List<String> roles) {
    }

    record TokenRow(long id, long userId, String name, String tokenPrefix, Instant createdAt, Instant expiresAt,
            Instant revokedAt) {
    }

    /** Inserts a user unless the e-mail is taken; empty when it is. */
    @SqlQuery("""
            INSERT INTO users (email, display_name, password_hash, bio)
            VALUES (:email, :displayName, :passwordHash, :bio)
            ON CONFLICT (email) DO NOTHING
            RETURNING id
            """)
    Optional<Long> insertIfAbsent(@Bind("email") String email, @Bind("displayName") String displayName,
            @Bind("passwordHash") String passwordHash, @Bind("bio") String bio);

    @SqlUpdate("INSERT INTO user_roles (user_id, role) VALUES (:userId, :role) ON CONFLICT DO NOTHING")
    void grant(@Bind("userId") long userId, @Bind("role") Role role);

    @SqlUpdate("DELETE FROM user_roles WHERE user_id = :userId AND role = :role")
    void revoke(@Bind("userId") long userId, @Bind("role") Role role);

    @SqlQuery("SELECT id, email, display_name, password_hash, bio, created_at FROM users WHERE email = lower(:email)")
    Optional<UserRow> findByEmail(@Bind("email") String email);

    @SqlQuery("SELECT id, email, display_name, password_hash, bio, created_at FROM users WHERE id = :id")
    Optional<UserRow> findById(@Bind("id") long id);

    @SqlQuery("SELECT role FROM user_roles WHERE user_id = :userId ORDER BY role")
    Set<Role> roles(@Bind("userId") long userId);

    @SqlUpdate("""
            INSERT INTO access_tokens (user_id, name, token_hash, token_prefix, expires_at)
            VALUES (:userId, :name, :hash, :prefix, :expiresAt)
            """)
    @GetGeneratedKeys("id")
    long insertToken(@Bind("userId") long userId, @Bind("name") String name, @Bind("hash") byte[] hash,
            @Bind("prefix") String prefix, @Bind("expiresAt") Instant expiresAt);

    /** The owner of a live token (not revoked, not expired) with their roles, in one round trip. */
    @SqlQuery("""
            SELECT u.id, u.email, u.display_name,
                   coalesce(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
            FROM access_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN user_roles r ON r.user_id = u.id
            WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
            GROUP BY u.id
            """)
    Optional<TokenUser> tokenUser(@Bind("hash") byte[] hash);

    @SqlQuery("""
            SELECT id, user_id, name, token_prefix, created_at, expires_at, revoked_at
            FROM access_tokens WHERE user_id = :userId ORDER BY id DESC
            """)
    List<TokenRow> tokens(@Bind("userId") long userId);

    @SqlUpdate("UPDATE access_tokens SET revoked_at = now() WHERE id = :id AND user_id = :userId AND revoked_at IS NULL")
    int revokeToken(@Bind("userId") long userId, @Bind("id") long id);
}
