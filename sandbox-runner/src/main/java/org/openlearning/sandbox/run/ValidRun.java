package org.openlearning.sandbox.run;

import java.util.List;
import org.openlearning.sandbox.runsc.SandboxCommand.ResourceLimits;

/** A request that passed validation: the language, the source, the resolved limits and the tests. */
public record ValidRun(Language language, String source, ResourceLimits limits, List<ValidTest> tests) {

    /** A test with its comparison resolved. */
    public record ValidTest(String id, String stdin, String expectedStdout, Comparison compare, double tolerance) {
    }
}
