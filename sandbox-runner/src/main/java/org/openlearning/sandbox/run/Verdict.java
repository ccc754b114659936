package org.openlearning.sandbox.run;

/** The verdict of one test. */
public enum Verdict {
    ACCEPTED, WRONG_ANSWER, TIME_LIMIT, MEMORY_LIMIT, RUNTIME_ERROR, COMPILE_ERROR, OUTPUT_LIMIT
}
