package org.openlearning.sandbox.runsc;

import java.nio.file.Path;
import java.util.List;

/**
 * One program to run in a fresh sandbox.
 *
 * @param args      the command inside the sandbox (absolute program path first)
 * @param box       host directory mounted at {@code /box}
 * @param boxWritable whether {@code /box} is writable (the compile step) or read-only (the tests)
 * @param input     host directory mounted read-only at {@code /in} (stdin files), or null
 * @param stdinFile path inside the sandbox the program's stdin is redirected from, or null for /dev/null
 * @param cwd       working directory inside the sandbox
 * @param limits    the limits of this run
 */
public record SandboxCommand(List<String> args, Path box, boolean boxWritable, Path input, String stdinFile,
                             String cwd, ResourceLimits limits) {

    /** Limits of one sandbox run. */
    public record ResourceLimits(int wallMs, int cpuMs, int memoryMb, int processes, int fileSizeKb,
                                 int outputKb) {
    }
}
