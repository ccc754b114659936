package org.openlearning.error;

import java.io.IOException;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything that fails outside a controller (unknown paths, upload limits, filters) lands here: JSON
 * for the API, a friendly page for people. Never a stack trace.
 */
@Controller
class PlatformErrorController implements ErrorController {

    private final JsonMapper json;

    PlatformErrorController(JsonMapper json) {
        this.json = json;
    }

    @RequestMapping("/error")
    String error(HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        HttpStatus status = status(request);
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        String message = message(status);
        if (ErrorResponses.wantsJson(request, path)) {
            ErrorResponses.write(response, json, status, ErrorResponses.code(status), message);
            return null;
        }
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("title", title(status));
        model.addAttribute("message", message);
        return "error";
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof Throwable t && isUploadTooLarge(t)) {
            return HttpStatus.CONTENT_TOO_LARGE;
        }
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private static boolean isUploadTooLarge(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String name = c.getClass().getSimpleName();
            if (name.contains("SizeLimitExceeded") || name.contains("MaxUploadSizeExceeded")
                    || name.contains("FileSizeLimitExceeded")) {
                return true;
            }
        }
        return false;
    }

    static String title(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "Page not found";
            case FORBIDDEN -> "Not allowed";
            case UNAUTHORIZED -> "Please sign in";
            case CONTENT_TOO_LARGE -> "File too large";
            case TOO_MANY_REQUESTS -> "Too many requests";
            default -> status.is5xxServerError() ? "Something went wrong" : "That did not work";
        };
    }

    static String message(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "There is nothing at this address.";
            case FORBIDDEN -> "Your account may not do this.";
            case UNAUTHORIZED -> "Sign in to continue.";
            case CONTENT_TOO_LARGE -> "The file is larger than the upload limit.";
            case TOO_MANY_REQUESTS -> "Too many requests; wait a little and try again.";
            case METHOD_NOT_ALLOWED -> "This address does not accept that kind of request.";
            default -> status.is5xxServerError()
                    ? "Something went wrong on our side. It has been logged; please try again."
                    : "The request could not be handled.";
        };
    }
}
