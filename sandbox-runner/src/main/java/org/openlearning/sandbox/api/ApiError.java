package org.openlearning.sandbox.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The one error shape of the API: {@code {error, message, field}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiError(String error, String message, String field) {
}
