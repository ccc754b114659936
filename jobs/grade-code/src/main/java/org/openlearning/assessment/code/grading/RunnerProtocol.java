package org.openlearning.assessment.code.grading;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The sandbox runner's {@code POST /v1/runs} request and answer (snake_case on the wire). */
final class RunnerProtocol {

    private RunnerProtocol() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunRequest(String language, String source, Limits limits, List<TestCase> tests) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Limits(Integer wallMs, Integer cpuMs, Integer memoryMb) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TestCase(String id, String stdin, String expectedStdout, String compare, Double tolerance) {
    }

    record RunResult(Compile compile, List<TestResult> tests, Long wallMs) {
    }

    record Compile(String status, String message, Long wallMs) {
    }

    record TestResult(String id, String verdict, Integer exitCode, String signal, Long wallMs, Long cpuMs,
            String stdout, String stderr, String message) {
    }

    /** The runner's error body. */
    record Error(String error, String message, String field) {
    }
}
