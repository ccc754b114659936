package org.openlearning.web.direct;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.openlearning.error.ApiError;
import org.openlearning.error.ApiException;
import org.openlearning.error.ErrorResponses;
import org.openlearning.identity.Accounts;
import org.openlearning.identity.PlatformUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the platform's hottest JSON API requests ({@link DirectRoute}s: progress reports, quiz
 * starts and submissions) from clients with a personal access token, ahead of the general filter
 * chain. Those requests come by the thousand a second, and the general chain (a dozen security
 * filters, the session, the observation, the MVC dispatch and its converters) cost several times
 * what they do. What this keeps of that chain, it does the same way: the token is checked by
 * {@link Accounts#byToken} (the security chain's own check), the body is read by the application's
 * JSON mapper, the route calls the controller's service, and every refusal has the API's error
 * shape and status; answers are not cacheable and say {@code nosniff}, as the chain's headers do.
 *
 * <p>Only the plain case is taken here: a route's method and exact path, a bearer token, and a body
 * of known, small length that is JSON (or empty). Everything else (a browser's session with its
 * CSRF token, another content type, a chunked body, an odd path) goes on to the general chain and
 * the controllers, which answer it the same way.
 */
final class DirectApiFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(DirectApiFilter.class);

    /** Far above any of these requests' bodies (a quiz submission is a few hundred bytes). */
    static final int MAX_BODY = 64 * 1024;

    private record Route(DirectRoute route, Counter taken) {
    }

    private final Accounts accounts;
    private final JsonMapper json;
    private final List<Route> routes;

    DirectApiFilter(Accounts accounts, JsonMapper json, MeterRegistry meters, List<DirectRoute> routes) {
        this.accounts = accounts;
        this.json = json;
        this.routes = routes.stream().map(r -> new Route(r, Counter.builder("api_direct_requests")
                .description("API requests answered ahead of the general filter chain").tag("route", r.path())
                .register(meters))).toList();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String token = bearer(request.getHeader("Authorization"));
        int length = request.getContentLength();
        Route route = null;
        long[] ids = null;
        if (token != null && length >= 0 && length <= MAX_BODY && (length == 0 || json(request.getContentType()))) {
            String method = request.getMethod();
            String uri = request.getRequestURI();
            for (Route r : routes) {
                if (r.route().method().equals(method) && (ids = DirectPaths.match(r.route().path(), uri)) != null) {
                    route = r;
                    break;
                }
            }
        }
        if (route == null) {
            chain.doFilter(req, res);
            return;
        }
        route.taken().increment();
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        Optional<PlatformUser> user = accounts.byToken(token);
        if (user.isEmpty()) {
            write(response, HttpStatus.UNAUTHORIZED,
                    new ApiError("invalid_token", "the access token is unknown, expired or revoked", null));
            return;
        }
        Object body;
        try {
            Class<?> type = route.route().body();
            byte[] bytes = type == null ? new byte[0] : request.getInputStream().readNBytes(length);
            body = bytes.length == 0 ? null : json.readValue(bytes, type);
        } catch (JacksonException e) {
            write(response, HttpStatus.BAD_REQUEST, new ApiError(ErrorResponses.code(HttpStatus.BAD_REQUEST),
                    ErrorResponses.UNREADABLE_BODY, null));
            return;
        }
        try {
            ResponseEntity<?> answer = route.route().answer(user.get(), ids, body);
            answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            write(response, HttpStatus.valueOf(answer.getStatusCode().value()), answer.getBody());
        } catch (ApiException e) {
            write(response, e.status(), new ApiError(e.error(), e.getMessage(), e.field()));
        } catch (RuntimeException e) {
            log.error("unexpected API error", e);
            write(response, HttpStatus.INTERNAL_SERVER_ERROR, new ApiError("internal", ErrorResponses.UNEXPECTED, null));
        }
    }

    /** The whole answer in one write, with its length (no chunked encoding, no early flush). */
    private void write(HttpServletResponse response, HttpStatus status, Object body) throws IOException {
        response.setStatus(status.value());
        if (body == null) {
            response.setContentLength(0);
            return;
        }
        byte[] bytes = json.writeValueAsBytes(body);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static String bearer(String header) {
        if (header == null || header.length() <= 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).strip();
    }

    /** {@code application/json}, with parameters (a charset) or without. */
    private static boolean json(String contentType) {
        int n = MediaType.APPLICATION_JSON_VALUE.length();
        return contentType != null && contentType.regionMatches(true, 0, MediaType.APPLICATION_JSON_VALUE, 0, n)
                && (contentType.length() == n || contentType.charAt(n) == ';' || contentType.charAt(n) == ' ');
    }
}
