package org.openlearning.sandbox.run;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openlearning.sandbox.SandboxProperties;
import org.openlearning.sandbox.runsc.SandboxCommand.ResourceLimits;
import org.springframework.stereotype.Component;

/** Checks a {@link RunRequest} field by field against the runner's maxima and fills in defaults. */
@Component
public class RunValidator {

    private static final int MAX_STDIN_BYTES = 4 * 1024 * 1024;
    private static final int MAX_ID_LENGTH = 64;

    private final SandboxProperties.Max max;
    private final SandboxProperties.Defaults defaults;

    public RunValidator(SandboxProperties properties) {
        this.max = properties.max();
        this.defaults = properties.defaults();
    }

    public ValidRun validate(RunRequest request) {
        Language language = Language.parse(request.language()).orElseThrow(() -> new InvalidRunException("language",
                "language must be one of python, java, cpp, javascript"));
        if (request.source() == null || request.source().isBlank()) {
            throw new InvalidRunException("source", "source is required");
        }
        if (request.source().getBytes(StandardCharsets.UTF_8).length > max.sourceBytes()) {
            throw new InvalidRunException("source", "source is over " + max.sourceBytes() / 1024 + " KB");
        }
        ResourceLimits limits = limits(request.limits());
        List<RunRequest.Test> tests = request.tests();
        if (tests == null || tests.isEmpty()) {
            throw new InvalidRunException("tests", "at least one test is required");
        }
        if (tests.size() > max.tests()) {
            throw new InvalidRunException("tests", "at most " + max.tests() + " tests");
        }
        List<ValidRun.ValidTest> valid = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < tests.size(); i++) {
            valid.add(test(tests.get(i), "tests[" + i + "]", ids));
        }
        return new ValidRun(language, request.source(), limits, List.copyOf(valid));
    }

    private ValidRun.ValidTest test(RunRequest.Test test, String field, Set<String> ids) {
        if (test == null) {
            throw new InvalidRunException(field, "a test must be an object");
        }
        if (test.id() == null || test.id().isBlank() || test.id().length() > MAX_ID_LENGTH) {
            throw new InvalidRunException(field + ".id", "a test needs an id of 1 to " + MAX_ID_LENGTH + " characters");
        }
        if (!ids.add(test.id())) {
            throw new InvalidRunException(field + ".id", "test id '" + test.id() + "' is used twice");
        }
        String stdin = test.stdin() == null ? "" : test.stdin();
        if (stdin.getBytes(StandardCharsets.UTF_8).length > MAX_STDIN_BYTES) {
            throw new InvalidRunException(field + ".stdin", "stdin is over " + MAX_STDIN_BYTES / 1024 / 1024 + " MB");
        }
        Comparison compare = Comparison.parse(test.compare()).orElseThrow(() -> new InvalidRunException(
                field + ".compare", "compare must be one of exact, trimmed, numeric"));
        double tolerance = test.tolerance() == null ? 1e-6 : test.tolerance();
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new InvalidRunException(field + ".tolerance", "tolerance must be a finite number ≥ 0");
        }
        return new ValidRun.ValidTest(test.id(), stdin, test.expectedStdout(), compare, tolerance);
    }

    private ResourceLimits limits(RunRequest.Limits requested) {
        RunRequest.Limits l = requested == null ? new RunRequest.Limits(null, null, null, null, null, null) : requested;
        return new ResourceLimits(
                limit("limits.wall_ms", l.wallMs(), defaults.wallMs(), 1, max.wallMs()),
                limit("limits.cpu_ms", l.cpuMs(), defaults.cpuMs(), 1, max.cpuMs()),
                limit("limits.memory_mb", l.memoryMb(), defaults.memoryMb(), 32, max.memoryMb()),
                limit("limits.processes", l.processes(), defaults.processes(), 1, max.processes()),
                limit("limits.file_size_kb", l.fileSizeKb(), defaults.fileSizeKb(), 1, max.fileSizeKb()),
                limit("limits.output_kb", l.outputKb(), defaults.outputKb(), 1, max.outputKb()));
    }

    private static int limit(String field, Integer value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw new InvalidRunException(field, field.substring("limits.".length()) + " must be between "
                    + min + " and " + max);
        }
        return value;
    }
}
