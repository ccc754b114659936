package org.openlearning.assessment.code;

/** The sandbox runner's verdict on one test. */
public enum Verdict {
    ACCEPTED, WRONG_ANSWER, TIME_LIMIT, MEMORY_LIMIT, RUNTIME_ERROR, COMPILE_ERROR, OUTPUT_LIMIT;

    public boolean passed() {
        return this == ACCEPTED;
    }
}
