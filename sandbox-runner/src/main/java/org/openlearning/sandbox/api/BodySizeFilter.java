package org.openlearning.sandbox.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/** Answers 413 to a request body over 32 MB (source, stdin and expected output of 100 tests fit easily). */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeFilter extends OncePerRequestFilter {

    static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

    private final JsonMapper json;

    BodySizeFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            response.setStatus(413);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), new ApiError("payload_too_large",
                    "the request body is over " + MAX_BODY_BYTES / 1024 / 1024 + " MB", null));
            return;
        }
        chain.doFilter(request, response);
    }
}
