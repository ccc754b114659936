package org.openlearning.progress.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.openlearning.error.ApiError;
import org.openlearning.error.ApiException;
import org.openlearning.error.ErrorResponses;
import org.openlearning.identity.Accounts;
import org.openlearning.identity.PlatformUser;
import org.openlearning.progress.ProgressIngest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

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
 * The player's progress report from an API client with a personal access token,
 * {@code PUT /api/progress/{enrollment}/lessons/{lesson}}, answered ahead of the general filter
 * chain. It is the platform's hottest request (every watching learner, every few seconds), and the
 * general chain (a dozen security filters, session, observation, the MVC dispatch and its converters)
 * cost several times the report itself. What this keeps of that chain, it does itself, the same way:
 * the token is checked by {@link Accounts#byToken} (the security chain's check), the body is read
 * by the application's own JSON mapper into the controller's {@link ProgressApiController.Report},
 * the report goes through {@link ProgressIngest} (ownership, lesson, sanity), and every refusal has
 * the API's error shape and status.
 *
 * <p>Only the plain case is taken here: a PUT to exactly that path, with a bearer token and a JSON
 * body of known, small length. Everything else (a browser's session with its CSRF token, another
 * content type, a chunked body, an odd path) goes on to the general chain and the controller.
 */
final class ProgressReportFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(ProgressReportFilter.class);

    static final String PREFIX = "/api/progress/";
    private static final String LESSONS = "/lessons/";
    /** Far above any report ({"watched_seconds":1234.5,"completed":false} is 43 bytes). */
    static final int MAX_BODY = 4096;

    private final Accounts accounts;
    private final ProgressIngest ingest;
    private final JsonMapper json;
    private final Counter taken;

    ProgressReportFilter(Accounts accounts, ProgressIngest ingest, JsonMapper json, MeterRegistry meters) {
        this.accounts = accounts;
        this.ingest = ingest;
        this.json = json;
        this.taken = Counter.builder("progress_reports_direct")
                .description("progress reports answered ahead of the general filter chain").register(meters);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        long[] ids = "PUT".equals(request.getMethod()) ? ids(request.getRequestURI()) : null;
        String token = ids == null ? null : bearer(request.getHeader("Authorization"));
        int length = request.getContentLength();
        if (token == null || length < 0 || length > MAX_BODY || !json(request.getContentType())) {
            chain.doFilter(req, res);
            return;
        }
        taken.increment();
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        Optional<PlatformUser> user = accounts.byToken(token);
        if (user.isEmpty()) {
            write(response, HttpStatus.UNAUTHORIZED,
                    new ApiError("invalid_token", "the access token is unknown, expired or revoked", null));
            return;
        }
        ProgressApiController.Report report;
        try {
            report = read(request.getInputStream(), length);
        } catch (JacksonException e) {
            write(response, HttpStatus.BAD_REQUEST, new ApiError(ErrorResponses.code(HttpStatus.BAD_REQUEST),
                    ErrorResponses.UNREADABLE_BODY, null));
            return;
        }
        try {
            ProgressIngest.Accepted accepted = ingest.report(user.get(), ids[0], ids[1], report.watchedSeconds(),
                    report.completed());
            write(response, ProgressApiController.status(accepted), ProgressApiController.Receipt.of(accepted));
        } catch (ApiException e) {
            write(response, e.status(), new ApiError(e.error(), e.getMessage(), e.field()));
        } catch (RuntimeException e) {
            log.error("unexpected API error", e);
            write(response, HttpStatus.INTERNAL_SERVER_ERROR, new ApiError("internal",
                    ErrorResponses.UNEXPECTED, null));
        }
    }

    private ProgressApiController.Report read(InputStream in, int length) throws IOException {
        byte[] body = in.readNBytes(length);
        if (body.length == 0) {
            return new ProgressApiController.Report(null, null);
        }
        ProgressApiController.Report report = json.readValue(body, ProgressApiController.Report.class);
        return report == null ? new ProgressApiController.Report(null, null) : report;
    }

    private void write(HttpServletResponse response, HttpStatus status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** {enrollment, lesson} of exactly {@code /api/progress/{digits}/lessons/{digits}}; else null. */
    static long[] ids(String uri) {
        if (uri == null || !uri.startsWith(PREFIX)) {
            return null;
        }
        int mid = uri.indexOf(LESSONS, PREFIX.length());
        if (mid < 0) {
            return null;
        }
        long enrollment = number(uri, PREFIX.length(), mid);
        long lesson = number(uri, mid + LESSONS.length(), uri.length());
        return enrollment < 0 || lesson < 0 ? null : new long[] {enrollment, lesson};
    }

    /** The decimal number uri[from, to), at most 18 digits; -1 when it is anything else. */
    private static long number(String uri, int from, int to) {
        if (to <= from || to - from > 18) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = uri.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
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
