package org.openlearning.error;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Writes an {@link ApiError} where no controller is involved (security filters, the error controller). */
public final class ErrorResponses {

    /** The message of a request body that is not JSON of the expected shape. */
    public static final String UNREADABLE_BODY = "the request body is not valid JSON of the expected shape";

    /** The message of a failure of ours (logged with its stack trace, which the caller never sees). */
    public static final String UNEXPECTED = "something went wrong on our side; it has been logged";

    private ErrorResponses() {
    }

    public static boolean wantsJson(HttpServletRequest request, String path) {
        String accept = request.getHeader("Accept");
        return path.startsWith("/api/") || path.equals("/api")
                || (accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE) && !accept.contains("text/html"));
    }

    public static void write(HttpServletResponse response, JsonMapper json, HttpStatus status, String error,
            String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), new ApiError(error, message, null));
    }

    public static String code(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "bad_request";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not_found";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case CONFLICT -> "conflict";
            case CONTENT_TOO_LARGE -> "payload_too_large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
            case UNPROCESSABLE_CONTENT -> "invalid";
            case TOO_MANY_REQUESTS -> "too_many_requests";
            default -> status.is5xxServerError() ? "internal" : "error";
        };
    }
}
