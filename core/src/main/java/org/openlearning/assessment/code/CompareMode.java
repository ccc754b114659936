package org.openlearning.assessment.code;

/**
 * How a test's output is compared with the expected output (done by the sandbox runner): byte for byte,
 * ignoring trailing whitespace of lines and trailing blank lines, or token by token with numbers equal
 * within a tolerance.
 */
public enum CompareMode {
    EXACT, TRIMMED, NUMERIC
}
