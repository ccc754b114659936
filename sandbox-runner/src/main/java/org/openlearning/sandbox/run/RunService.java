package org.openlearning.sandbox.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openlearning.sandbox.SandboxProperties;
import org.openlearning.sandbox.runsc.Runsc;
import org.openlearning.sandbox.runsc.SandboxCommand;
import org.openlearning.sandbox.runsc.SandboxCommand.ResourceLimits;
import org.openlearning.sandbox.runsc.SandboxResult;
import org.springframework.stereotype.Service;

/**
 * Runs one request: writes the source into a fresh {@code box} directory, compiles it in a sandbox
 * when the language needs it (once per request), then runs each test in a fresh sandbox with the
 * program read-only and its own scratch tmpfs, and turns each outcome into a verdict.
 */
@Service
public class RunService {

    private static final int SHOWN_BYTES = 4 * 1024;
    private static final int COMPILE_MESSAGE_BYTES = 8 * 1024;

    private final Runsc runsc;
    private final SandboxProperties properties;
    private final RunMetrics metrics;

    public RunService(Runsc runsc, SandboxProperties properties, RunMetrics metrics) {
        this.runsc = runsc;
        this.properties = properties;
        this.metrics = metrics;
    }

    public RunResponse run(ValidRun run) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Path dir = runsc.newRequestDir();
        try {
            Path box = Files.createDirectory(dir.resolve("box"));
            Path input = Files.createDirectory(dir.resolve("in"));
            Files.writeString(box.resolve(run.language().sourceFile()), run.source(), StandardCharsets.UTF_8);
            // the sandbox's user must be able to write its compiler output here, no one else on the host
            ownBySandboxUser(box);
            ownBySandboxUser(box.resolve(run.language().sourceFile()));

            RunResponse.Compile compile = compile(run, box, dir);
            List<RunResponse.TestResult> results = new ArrayList<>();
            for (int i = 0; i < run.tests().size(); i++) {
                ValidRun.ValidTest test = run.tests().get(i);
                RunResponse.TestResult result;
                if (compile.status().equals("error")) {
                    result = new RunResponse.TestResult(test.id(), Verdict.COMPILE_ERROR, null, null, 0, 0, "", "",
                            "the program did not compile");
                } else {
                    String stdinName = Integer.toString(i);
                    Files.writeString(input.resolve(stdinName), test.stdin(), StandardCharsets.UTF_8);
                    SandboxCommand command = new SandboxCommand(run.language().run(properties, run.limits().memoryMb()),
                            box, false, input, "/in/" + stdinName, "/tmp", run.limits());
                    result = judge(run, test, runsc.run(command, dir));
                }
                metrics.verdict(result.verdict());
                results.add(result);
            }
            return new RunResponse(compile, List.copyOf(results), millisSince(started));
        } finally {
            deleteQuietly(dir);
        }
    }

    private RunResponse.Compile compile(ValidRun run, Path box, Path dir) throws IOException, InterruptedException {
        List<String> command = run.language().compile(properties);
        if (command.isEmpty()) {
            return new RunResponse.Compile("skipped", "", 0);
        }
        SandboxProperties.Compile c = properties.compile();
        ResourceLimits limits = new ResourceLimits(c.wallMs(), c.cpuMs(), c.memoryMb(), c.processes(), c.fileSizeKb(),
                1024);
        SandboxResult result = runsc.run(new SandboxCommand(command, box, true, null, null, "/box", limits), dir);
        String output = tail(text(result.stderr()) + text(result.stdout()), COMPILE_MESSAGE_BYTES);
        if (result.termination() == SandboxResult.Termination.EXITED && Integer.valueOf(0).equals(result.exitCode())) {
            return new RunResponse.Compile("ok", output, result.wallMs());
        }
        String why = switch (result.termination()) {
            case WALL_TIME, CPU_TIME -> "the compiler ran out of time\n";
            case OUTPUT -> "the compiler wrote too much output\n";
            case EXITED -> result.oomKilled() ? "the compiler ran out of memory\n" : "";
        };
        return new RunResponse.Compile("error", why + output, result.wallMs());
    }

    private RunResponse.TestResult judge(ValidRun run, ValidRun.ValidTest test, SandboxResult result) {
        String stdout = text(result.stdout());
        String stderr = text(result.stderr());
        String signal = result.signal() == null ? null : Signals.name(result.signal());
        Verdict verdict;
        String message;
        ResourceLimits limits = run.limits();
        boolean memory = result.oomKilled() || run.language().ranOutOfMemory(stderr)
                || (result.signal() != null && result.signal() == 9
                && result.termination() == SandboxResult.Termination.EXITED
                && result.memoryPeakBytes() >= 0.95 * 1024 * 1024 * limits.memoryMb());
        if (result.termination() == SandboxResult.Termination.OUTPUT) {
            verdict = Verdict.OUTPUT_LIMIT;
            message = "output passed " + limits.outputKb() + " KB";
        } else if (memory) {
            verdict = Verdict.MEMORY_LIMIT;
            message = "memory limit of " + limits.memoryMb() + " MB reached";
        } else if (result.termination() == SandboxResult.Termination.CPU_TIME) {
            verdict = Verdict.TIME_LIMIT;
            message = "CPU time passed " + limits.cpuMs() + " ms";
        } else if (result.termination() == SandboxResult.Termination.WALL_TIME) {
            verdict = Verdict.TIME_LIMIT;
            message = "wall time passed " + limits.wallMs() + " ms";
        } else if (result.signal() != null) {
            verdict = Verdict.RUNTIME_ERROR;
            message = "killed by " + signal;
        } else if (result.exitCode() != 0) {
            verdict = Verdict.RUNTIME_ERROR;
            message = "exit code " + result.exitCode();
        } else if (test.expectedStdout() == null
                || test.compare().matches(test.expectedStdout(), stdout, test.tolerance())) {
            verdict = Verdict.ACCEPTED;
            message = "";
        } else {
            verdict = Verdict.WRONG_ANSWER;
            message = "output differs from the expected output (" + test.compare().name().toLowerCase() + ")";
        }
        return new RunResponse.TestResult(test.id(), verdict, result.exitCode(), signal, result.wallMs(),
                result.cpuMs(), head(stdout, SHOWN_BYTES), head(stderr, SHOWN_BYTES), message);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String head(String text, int bytes) {
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        return all.length <= bytes ? text : new String(all, 0, bytes, StandardCharsets.UTF_8);
    }

    private static String tail(String text, int bytes) {
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        return all.length <= bytes ? text
                : new String(all, all.length - bytes, bytes, StandardCharsets.UTF_8);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void ownBySandboxUser(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", 65534);
        Files.setAttribute(path, "unix:gid", 65534);
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left for the next start, which empties the runs directory
        }
    }
}
