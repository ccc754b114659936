package org.openlearning.sandbox.run;

import java.util.List;

/** Body of {@code POST /v1/runs} as sent (snake_case on the wire); checked by {@link RunValidator}. */
public record RunRequest(String language, String source, Limits limits, List<Test> tests) {

    /** Requested limits; null fields take the runner's defaults. */
    public record Limits(Integer wallMs, Integer cpuMs, Integer memoryMb, Integer processes, Integer fileSizeKb,
                         Integer outputKb) {
    }

    /** One test: stdin, expected stdout and how to compare. */
    public record Test(String id, String stdin, String expectedStdout, String compare, Double tolerance) {
    }
}
