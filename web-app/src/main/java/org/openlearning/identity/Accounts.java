package org.openlearning.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.openlearning.error.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** Sign-up, the users behind sign-in, and personal access tokens. */
@Service
public class Accounts implements UserDetailsService {

    public static final int MIN_PASSWORD = 10;
    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@]{2,}$");
    private static final String TOKEN_PREFIX = "lpat_";

    private final UserDao users;
    private final PasswordEncoder passwords;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Optional<PlatformUser>> tokenCache;
    private volatile String dummyHash;

    Accounts(UserDao users, PasswordEncoder passwords,
            @Value("${platform.identity.token-cache-ttl:60s}") Duration tokenCacheTtl) {
        this.users = users;
        this.passwords = passwords;
        this.tokenCache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(tokenCacheTtl).build();
    }

    /** A new LEARNER account; 409 when the e-mail is taken, 422 for bad input. */
    @Transactional
    public PlatformUser signUp(String email, String displayName, String password) {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(normalized).matches() || normalized.length() > 254) {
            throw ApiException.invalid("email", "enter an e-mail address like name@example.org");
        }
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > 120) {
            throw ApiException.invalid("display_name", "enter your name (at most 120 characters)");
        }
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
            throw ApiException.invalid("password", "choose a password of at least " + MIN_PASSWORD + " characters");
        }
        long id = users.insertIfAbsent(normalized, name, passwords.encode(password), null)
                .orElseThrow(() -> ApiException.conflict("email", "an account with this e-mail already exists"));
        users.grant(id, Role.LEARNER);
        return new PlatformUser(id, normalized, name, Set.of(Role.LEARNER), null);
    }

    @Override
    public PlatformUser loadUserByUsername(String email) {
        UserDao.UserRow row = users.findByEmail(email == null ? "" : email.strip())
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return new PlatformUser(row.id(), row.email(), row.displayName(), users.roles(row.id()), row.passwordHash());
    }

    public Optional<PlatformUser> byId(long id) {
        return users.findById(id)
                .map(row -> new PlatformUser(row.id(), row.email(), row.displayName(), users.roles(row.id()), null));
    }

    /** The account whose password matches, or empty. */
    public Optional<PlatformUser> check(String email, String password) {
        if (email == null || password == null) {
            return Optional.empty();
        }
        Optional<UserDao.UserRow> row = users.findByEmail(email.strip());
        if (row.isEmpty()) {
            passwords.matches(password, dummyHash()); // the same cost whether or not the account exists
            return Optional.empty();
        }
        if (!passwords.matches(password, row.get().passwordHash())) {
            return Optional.empty();
        }
        return byId(row.get().id());
    }

    /** A new token; its secret is returned once and only its SHA-256 is kept. */
    public IssuedToken issueToken(long userId, String name, Instant expiresAt) {
        String label = name == null || name.isBlank() ? "API token" : name.strip();
        if (label.length() > 100) {
            throw ApiException.invalid("name", "a token name has at most 100 characters");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long id = users.insertToken(userId, label, sha256(token), token.substring(0, TOKEN_PREFIX.length() + 6),
                expiresAt);
        return new IssuedToken(id, label, token);
    }

    /** The owner of a live token. */
    /**
     * The user a personal access token belongs to. Answers are kept for a few seconds (API clients
     * send many requests with one token); a revocation through {@link #revokeToken} takes effect at
     * once on this replica and within that time on the others.
     */
    public Optional<PlatformUser> byToken(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        return tokenCache.get(token, this::lookUpToken);
    }

    /** Revokes one of the user's tokens; false when the user has no such token. */
    public boolean revokeToken(long userId, long tokenId) {
        boolean revoked = users.revokeToken(userId, tokenId) > 0;
        tokenCache.invalidateAll();
        return revoked;
    }

    private Optional<PlatformUser> lookUpToken(String token) {
        return users.tokenUser(sha256(token)).map(u -> new PlatformUser(u.id(), u.email(), u.displayName(),
                u.roles().stream().map(Role::valueOf).collect(java.util.stream.Collectors.toSet()), null));
    }

    public record IssuedToken(long id, String name, String token) {
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String dummyHash() {
        if (dummyHash == null) {
            dummyHash = passwords.encode("not-a-real-password");
        }
        return dummyHash;
    }
}
