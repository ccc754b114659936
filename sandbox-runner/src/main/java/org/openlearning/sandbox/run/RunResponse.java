package org.openlearning.sandbox.run;

import java.util.List;

/** Answer of {@code POST /v1/runs}. */
public record RunResponse(Compile compile, List<TestResult> tests, long wallMs) {

    /** The compile step: ok, error (with the compiler's message) or skipped (interpreted languages). */
    public record Compile(String status, String message, long wallMs) {
    }

    /** The verdict and measurements of one test. */
    public record TestResult(String id, Verdict verdict, Integer exitCode, String signal, long wallMs, long cpuMs,
                             String stdout, String stderr, String message) {
    }
}
