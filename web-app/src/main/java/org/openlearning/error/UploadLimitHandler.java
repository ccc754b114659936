package org.openlearning.error;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * An upload over the size limit fails before any controller is chosen, so this advice applies to
 * every request: 413 as JSON for the API, the error page for people.
 */
@ControllerAdvice
class UploadLimitHandler {

    private final JsonMapper json;

    UploadLimitHandler(JsonMapper json) {
        this.json = json;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String message = "the file is larger than the upload limit";
        if (ErrorResponses.wantsJson(request, request.getRequestURI())) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType("application/json");
            json.writeValue(response.getOutputStream(), new ApiError("payload_too_large", message, "file"));
            return new ModelAndView();
        }
        HttpStatus status = HttpStatus.CONTENT_TOO_LARGE;
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("title", PlatformErrorController.title(status));
        page.addObject("message", PlatformErrorController.message(status));
        return page;
    }
}
