package org.openlearning.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The one error shape of the JSON API (DESIGN.md §6). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, String field) {
}
