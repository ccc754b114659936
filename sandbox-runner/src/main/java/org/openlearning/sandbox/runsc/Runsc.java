package org.openlearning.sandbox.runsc;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openlearning.sandbox.SandboxProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one command in a fresh gVisor sandbox ({@code runsc run} of a generated OCI bundle) and
 * enforces what runsc does not: the wall-time deadline, the CPU time (measured on the host from
 * the sandbox's cgroup — RLIMIT_CPU is not enforced inside this runsc) and the output limit. A
 * killed sandbox is killed through runsc and then process by process through its cgroup; its
 * runsc state is deleted in every case.
 */
@Component
public class Runsc implements org.springframework.beans.factory.DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Runsc.class);
    private static final int KEEP_STDERR = 64 * 1024;
    private static final long POLL_MILLIS = 10;

    private final SandboxProperties properties;
    private final JsonMapper json;
    private final String version;
    private final Path stateDir;
    private final RootFs rootFs;

    public Runsc(SandboxProperties properties, JsonMapper json) throws IOException, InterruptedException {
        this.properties = properties;
        this.json = json;
        this.version = checkVersion(properties.runsc());
        Path workDir = properties.workDir();
        Files.createDirectories(workDir);
        // only the runner's own user may look inside (program sources, stdin files, runsc state)
        Files.setPosixFilePermissions(workDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        this.stateDir = workDir.resolve("state");
        deleteTree(stateDir);
        Files.createDirectories(stateDir);
        deleteTree(workDir.resolve("runs"));
        this.rootFs = RootFs.build(workDir.resolve("rootfs"), List.of(Path.of(properties.effectiveJavaHome())));
        log.info("sandbox runner uses {} ({}), cgroup {}, work dir {}", properties.runsc(), version,
                Cgroup.unified() ? "v2" : "v1", workDir);
    }

    /** On shutdown (after the pool has drained): no state, request directories, rootfs or cgroup parent left. */
    @Override
    public void destroy() throws IOException {
        deleteTree(stateDir);
        deleteTree(properties.workDir().resolve("runs"));
        rootFs.remove();
        Cgroup.removeParent(properties.cgroupParent());
    }

    /** Runs {@code runsc --version}; refuses to go on without a working runsc. */
    static String checkVersion(Path runsc) throws IOException, InterruptedException {
        if (!Files.isExecutable(runsc)) {
            throw new IllegalStateException("runsc not found at " + runsc
                    + ": install gVisor (Debian package 'runsc'); the runner never runs code without it");
        }
        Process process = new ProcessBuilder(runsc.toString(), "--version")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        BoundedCapture out = new BoundedCapture(process.getInputStream(), 4096, Long.MAX_VALUE, "runsc-version");
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(runsc + " --version did not answer within 10 s");
        }
        String text = new String(out.await(1000), StandardCharsets.UTF_8).trim();
        if (process.exitValue() != 0 || text.isEmpty()) {
            throw new IllegalStateException(runsc + " --version failed (exit " + process.exitValue() + "): " + text);
        }
        return text.lines().findFirst().orElse(text);
    }

    /** First line of {@code runsc --version}. */
    public String version() {
        return version;
    }

    /** Where runsc keeps container state ({@code --root}). */
    public Path stateDir() {
        return stateDir;
    }

    /** Directory for one request's files (program, stdin files, bundles). */
    public Path newRequestDir() throws IOException {
        Path dir = properties.workDir().resolve("runs").resolve(UUID.randomUUID().toString());
        Files.createDirectories(dir);
        return dir;
    }

    /** Runs {@code command} in a fresh sandbox; {@code requestDir} holds its bundle. */
    public SandboxResult run(SandboxCommand command, Path requestDir) throws IOException, InterruptedException {
        String id = "sbx-" + UUID.randomUUID();
        SandboxCommand.ResourceLimits limits = command.limits();
        Cgroup cgroup = Cgroup.create(properties.cgroupParent(), id, new Cgroup.HostLimits(
                1024L * 1024 * limits.memoryMb(), SandboxSpec.hostPids(limits.processes()), 100));
        Path bundle = requestDir.resolve(id);
        Files.createDirectories(bundle);
        try {
            Files.writeString(bundle.resolve("config.json"), json.writeValueAsString(SandboxSpec.of(command, rootFs, cgroup)));
            return supervise(id, command, bundle, cgroup);
        } finally {
            cleanUp(id, cgroup);
            deleteTree(bundle);
        }
    }

    private SandboxResult supervise(String id, SandboxCommand command, Path bundle, Cgroup cgroup)
            throws IOException, InterruptedException {
        SandboxCommand.ResourceLimits limits = command.limits();
        long outputLimit = 1024L * limits.outputKb();
        long started = System.nanoTime();
        Process process = new ProcessBuilder(properties.runsc().toString(), "--root", stateDir.toString(),
                "--network=none", "run", "--bundle", bundle.toString(), id)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        BoundedCapture stdout = new BoundedCapture(process.getInputStream(), (int) Math.min(outputLimit + 1, Integer.MAX_VALUE - 8),
                outputLimit, id + "-out");
        BoundedCapture stderr = new BoundedCapture(process.getErrorStream(), KEEP_STDERR, outputLimit, id + "-err");
        long deadline = started + TimeUnit.MILLISECONDS.toNanos(limits.wallMs());
        long cpuLimitNanos = TimeUnit.MILLISECONDS.toNanos(limits.cpuMs());
        SandboxResult.Termination termination = SandboxResult.Termination.EXITED;
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (stdout.exceeded() || stderr.exceeded()) {
                    termination = SandboxResult.Termination.OUTPUT;
                } else if (cgroup.cpuNanos() > cpuLimitNanos) {
                    termination = SandboxResult.Termination.CPU_TIME;
                } else if (System.nanoTime() > deadline) {
                    termination = SandboxResult.Termination.WALL_TIME;
                } else {
                    continue;
                }
                kill(id, cgroup, process);
                break;
            }
        } catch (InterruptedException e) {
            kill(id, cgroup, process);
            throw e;
        }
        long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        byte[] out = stdout.await(2000);
        byte[] err = stderr.await(2000);
        if (termination == SandboxResult.Termination.EXITED && (stdout.exceeded() || stderr.exceeded())) {
            termination = SandboxResult.Termination.OUTPUT;
        }
        long cpuMs = TimeUnit.NANOSECONDS.toMillis(cgroup.cpuNanos());
        if (termination == SandboxResult.Termination.EXITED && cpuMs > limits.cpuMs()) {
            termination = SandboxResult.Termination.CPU_TIME;
        }
        Integer exitCode = null;
        Integer signal = null;
        if (termination != SandboxResult.Termination.EXITED) {
            signal = 9;
        } else {
            int status = process.exitValue();
            // runsc exits with 128+n when the container's init died of signal n
            if (status > 128 && status <= 128 + 64) {
                signal = status - 128;
            } else {
                exitCode = status;
            }
        }
        return new SandboxResult(exitCode, signal, termination, wallMs, cpuMs, out, stdout.exceeded(),
                err, cgroup.oomKilled(), cgroup.memoryPeakBytes());
    }

    private void kill(String id, Cgroup cgroup, Process process) throws InterruptedException {
        runQuietly(List.of(properties.runsc().toString(), "--root", stateDir.toString(), "kill", "--all", id, "KILL"));
        cgroup.killAll();
        process.destroyForcibly();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            log.warn("runsc run of {} did not exit 5 s after SIGKILL", id);
        }
    }

    /** Deletes the container's runsc state, kills what is left in its cgroup and removes the cgroup. */
    private void cleanUp(String id, Cgroup cgroup) throws InterruptedException {
        if (hasState(id)) {
            runQuietly(List.of(properties.runsc().toString(), "--root", stateDir.toString(), "delete", "--force", id));
        }
        for (int attempt = 0; attempt < 50 && !cgroup.pids().isEmpty(); attempt++) {
            cgroup.killAll();
            Thread.sleep(20);
        }
        cgroup.remove();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(stateDir, "*" + id + "*")) {
            for (Path entry : entries) {
                deleteTree(entry);
            }
        } catch (IOException e) {
            log.warn("cannot remove runsc state of {}: {}", id, e.getMessage());
        }
    }

    private boolean hasState(String id) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(stateDir, "*" + id + "*")) {
            return entries.iterator().hasNext();
        } catch (IOException e) {
            return true;
        }
    }

    private static void runQuietly(List<String> command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            log.warn("{} failed: {}", command, e.getMessage());
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (var walk = Files.walk(root)) {
            walk.forEach(paths::add);
        }
        for (int i = paths.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(paths.get(i));
        }
    }
}
