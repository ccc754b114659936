package org.openlearning.identity.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.openlearning.error.ApiException;
import org.openlearning.identity.Accounts;
import org.openlearning.identity.LoginAttempts;
import org.openlearning.identity.PlatformUser;
import org.openlearning.identity.Role;
import org.openlearning.identity.UserDao;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/** Accounts and personal access tokens over the JSON API. */
@RestController
class AuthApiController {

    record SignUp(String email, String displayName, String password) {
    }

    record TokenRequest(String email, String password, String name) {
    }

    record Me(long id, String email, String displayName, Set<Role> roles) {
        static Me of(PlatformUser user) {
            return new Me(user.id(), user.email(), user.displayName(), user.roles());
        }
    }

    record Token(long id, String name, String token) {
    }

    record TokenInfo(long id, String name, String prefix, Instant createdAt, Instant revokedAt) {
    }

    private final Accounts accounts;
    private final LoginAttempts attempts;
    private final UserDao users;

    AuthApiController(Accounts accounts, LoginAttempts attempts, UserDao users) {
        this.accounts = accounts;
        this.attempts = attempts;
        this.users = users;
    }

    @PostMapping("/api/auth/signup")
    ResponseEntity<Me> signUp(@RequestBody SignUp body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Me.of(accounts.signUp(body.email(), body.displayName(), body.password())));
    }

    /** Exchanges e-mail and password for a personal access token; rate-limited like the sign-in form. */
    @PostMapping("/api/auth/tokens")
    ResponseEntity<Token> token(@RequestBody TokenRequest body, HttpServletRequest request) {
        String client = request.getRemoteAddr();
        if (attempts.blocked(body.email(), client)) {
            throw ApiException.tooManyRequests("too many failed sign-ins; wait 15 minutes and try again");
        }
        PlatformUser user = accounts.check(body.email(), body.password()).orElse(null);
        if (user == null) {
            attempts.failed(body.email(), client);
            throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "wrong e-mail or password", null);
        }
        attempts.succeeded(body.email());
        Accounts.IssuedToken issued = accounts.issueToken(user.id(), body.name(), null);
        return ResponseEntity.status(HttpStatus.CREATED).body(new Token(issued.id(), issued.name(), issued.token()));
    }

    @GetMapping("/api/me")
    Me me(@AuthenticationPrincipal PlatformUser user) {
        return Me.of(user);
    }

    @GetMapping("/api/me/tokens")
    List<TokenInfo> tokens(@AuthenticationPrincipal PlatformUser user) {
        return users.tokens(user.id()).stream()
                .map(t -> new TokenInfo(t.id(), t.name(), t.tokenPrefix(), t.createdAt(), t.revokedAt()))
                .toList();
    }

    @DeleteMapping("/api/me/tokens/{id}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal PlatformUser user, @PathVariable long id) {
        if (!accounts.revokeToken(user.id(), id)) {
            throw ApiException.notFound("you have no live token " + id);
        }
        return ResponseEntity.noContent().build();
    }
}
