package org.openlearning.sandbox.run;

/** A request field is invalid (answered 422). */
public class InvalidRunException extends RuntimeException {

    private final String field;

    InvalidRunException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
